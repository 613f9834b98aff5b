#!/usr/bin/env bash
# Runs a command with the test bed up: one is started unless AWS_ENDPOINT_URL names another
# endpoint or one is already running, and it is stopped afterwards only if started here.
set -euo pipefail
cd "$(dirname "$0")/.."
started_testbed=""
if [ -z "${AWS_ENDPOINT_URL:-}" ] && ! node_modules/.bin/node test/testbed/cli.ts status >/dev/null 2>&1; then
  node_modules/.bin/node test/testbed/cli.ts start >/dev/null
  started_testbed=1
fi
stop_testbed() { if [ -n "$started_testbed" ]; then node_modules/.bin/node test/testbed/cli.ts stop; fi; }
trap stop_testbed EXIT
status=0
"$@" || status=$?
exit $status
