#!/usr/bin/env bash
# Set up (tools/bootstrap.sh) and run the whole default test suite on 2 workers (the 30 slowest
# tests listed at the end, to see where CI's time goes).
# Exits non-zero on any failure, and also when pytest collected no tests (its status 5).
# Extra arguments go to pytest (e.g. `bash tools/test.sh -k differential`).
set -uo pipefail
cd "$(dirname "$0")/.."
bash tools/bootstrap.sh || exit 1
.venv/bin/python -m pytest -n 2 --durations=30 "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "tools/test.sh: pytest collected no tests; treating that as a failure" >&2
  exit 1
fi
exit "$status"
