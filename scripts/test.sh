#!/usr/bin/env bash
# `npm test`: bootstrap, then the three tiers (unit, integration, e2e) on Node 24 with Vitest.
# Extra arguments go to Vitest (e.g. `npm test -- --project unit`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p .cache
# One test bed (moto + engine, registry, Docker) for every tier, unless AWS_ENDPOINT_URL names
# another endpoint or one is already running; stopped at the end only if started here.
started_testbed=""
if [ -z "${AWS_ENDPOINT_URL:-}" ] && ! node_modules/.bin/node test/testbed/cli.ts status >/dev/null 2>&1; then
  node_modules/.bin/node test/testbed/cli.ts start >/dev/null
  started_testbed=1
fi
stop_testbed() { if [ -n "$started_testbed" ]; then node_modules/.bin/node test/testbed/cli.ts stop; fi; }
trap stop_testbed EXIT
results=.cache/test-results.json
rm -f "$results"
status=0
node_modules/.bin/node node_modules/vitest/vitest.mjs run \
  --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line that any CI reader understands.
if [ -f "$results" ]; then
  node_modules/.bin/node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$results"
fi
exit $status
