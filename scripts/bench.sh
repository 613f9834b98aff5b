#!/usr/bin/env bash
# `npm run bench`: benchmarks on the test bed; results in bench/results/ (JSON and README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
started_testbed=""
if [ -z "${AWS_ENDPOINT_URL:-}" ] && ! node_modules/.bin/node test/testbed/cli.ts status >/dev/null 2>&1; then
  node_modules/.bin/node test/testbed/cli.ts start >/dev/null
  started_testbed=1
fi
stop_testbed() { if [ -n "$started_testbed" ]; then node_modules/.bin/node test/testbed/cli.ts stop; fi; }
trap stop_testbed EXIT
node_modules/.bin/node node_modules/vitest/vitest.mjs run --config bench/vitest.config.ts "$@"
echo "results: bench/results/README.md"
