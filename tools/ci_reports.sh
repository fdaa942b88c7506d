#!/usr/bin/env bash
# Write the opcode matrix and the stdlib-subset sweep (3.11, and 3.12-3.14 from their own stdlib)
# into ci-artifacts/ and fail if coverage
# went below opcode_matrix/baseline.json (see tools/ci_reports.py); then the stdlib import
# sweep (tools/stdlib_sweep.py: which everyday stdlib modules import and work when compiled),
# a report within a time budget, not a gate. Assumes tools/bootstrap.sh ran.
set -euo pipefail
cd "$(dirname "$0")/.."
sh tools/get_pythons.sh   # the 3.12-3.14 stdlibs swept below (idempotent)
.venv/bin/python tools/ci_reports.py "$@"
mkdir -p ci-artifacts
.venv/bin/python tools/stdlib_sweep.py -j 2 --time-budget "${STDLIB_SWEEP_BUDGET:-900}" \
  --md ci-artifacts/stdlib_sweep.md --json ci-artifacts/stdlib_sweep.json > /dev/null \
  || echo "ci_reports: the stdlib sweep could not run (see above)" >&2
