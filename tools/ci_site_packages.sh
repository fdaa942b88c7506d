#!/usr/bin/env bash
# CI's stage for the site-packages programs (tests/test_site_packages.py, slow marker): the
# pinned pure-Python PyPI packages installed sourceless, each usage program compiled from
# bytecode only and compared with CPython, on wasmtime and natively. Slow because each program
# compiles tens of site and stdlib modules on a cold unit cache; the stdlib units are shared
# with the default suite that runs before it.
#   bash tools/ci_site_packages.sh       budget: $CI_SITE_BUDGET seconds (default 1800)
# Fails on any failure, when the budget runs out, and when pytest collects nothing.
# Assumes tools/bootstrap.sh ran (the default suite runs first in CI).
set -uo pipefail
cd "$(dirname "$0")/.."
BUDGET=${CI_SITE_BUDGET:-1800}
timeout "$BUDGET" "${PYTHON:-.venv/bin/python}" -m pytest -m slow -n 2 -q -rfE tests/test_site_packages.py
status=$?
case $status in
  124) echo "ci_site_packages: over the budget of ${BUDGET}s" >&2; exit 1 ;;
  5) echo "ci_site_packages: pytest collected no tests" >&2; exit 1 ;;
esac
exit "$status"
