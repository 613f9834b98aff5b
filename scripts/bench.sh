#!/usr/bin/env bash
# `npm run bench`: benchmarks on the test bed; results in bench/results/ (JSON and README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/with-testbed.sh node_modules/.bin/node node_modules/vitest/vitest.mjs run --config bench/vitest.config.ts "$@"
# The results are committed: keep them in the repository's format (lint checks it).
node_modules/.bin/prettier --write bench/results >/dev/null
echo "results: bench/results/README.md"
