#!/usr/bin/env bash
# `npm test`: bootstrap, then the three tiers (unit, integration, e2e) on Node 24 with Vitest,
# all against one test bed (scripts/with-testbed.sh). Extra arguments go to Vitest
# (e.g. `npm test -- --project unit`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p .cache
results=.cache/test-results.json
rm -f "$results"
status=0
bash scripts/with-testbed.sh node_modules/.bin/node node_modules/vitest/vitest.mjs run \
  --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line that any CI reader understands.
if [ -f "$results" ]; then
  node_modules/.bin/node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    const status = Number(process.argv[2]);
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "") +
      (status !== 0 && r.numFailedTests === 0 ? "; the run failed outside the tests (test bed check at teardown, or an error above)" : ""));
  ' "$results" "$status"
fi
if [ -z "${ACT_BIN:-}" ] && [ ! -x .cache/bin/act ] && ! command -v act >/dev/null; then
  echo "tests: the example workflow tests (nektos/act) were skipped: act is not built (needs Go; scripts/setup.sh builds it)"
fi
exit $status
