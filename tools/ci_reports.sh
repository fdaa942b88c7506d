#!/usr/bin/env bash
# Write the opcode matrix and the stdlib-subset sweep into ci-artifacts/ and fail if coverage
# went below opcode_matrix/baseline.json (see tools/ci_reports.py). Assumes tools/bootstrap.sh ran.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python tools/ci_reports.py "$@"
