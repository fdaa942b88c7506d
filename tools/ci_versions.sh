#!/usr/bin/env bash
# CI's bounded stage for 3.12/3.13/3.14 bytecode: fetch the real interpreters
# (tools/get_pythons.sh, idempotent), then run a fixed subset of the differential programs
# under every version (tests/test_versions.py, slow marker): each compiled from that version's
# own .pyc and compared with that version's output. The whole suite per version stays a local
# `pytest -m slow tests/test_versions.py` run (one program costs ~7 s of a worker; the whole
# set is ~15 min per version, more on a cold unit cache).
#   bash tools/ci_versions.sh            budget: $CI_VERSIONS_BUDGET seconds (default 1200)
# The subset: programs that import nothing or only what the runtime has natively (cheap on a
# cold unit cache), over what 3.12-3.14 changed and generators, exceptions and groups, classes,
# closures, comprehensions, async, signatures. Left out for their cold-cache cost: the version
# programs importing stdlib modules (version_messages: random; class_annotations: dataclasses;
# throw_signature_warning: warnings), each compiles tens of stdlib modules per version (measured:
# version_messages alone took over 10 minutes of the stage on a loaded machine).
# Fails on any failure, and when the budget runs out.
# Assumes tools/bootstrap.sh ran (the default suite runs first in CI).
set -uo pipefail
cd "$(dirname "$0")/.."
BUDGET=${CI_VERSIONS_BUDGET:-1200}
PROGRAMS=(
  comprehensions_super with_and_builtins tstrings_314
  generators_throw_unstarted generators_yield_from generators_send_unstarted
  exc_group_basics exc_star_uncaught exc_chaining exc_uncaught_context
  classes_basic classes_err_mro metaclass_basic closures_basic closures_err_classderef
  comprehensions async_generators_protocol async_protocol_errors asyncio_async_generators
  signature_too_many call_ex_not_mapping zero_division
)
start=$(date +%s)
timeout 1500 sh tools/get_pythons.sh || { echo "ci_versions: get_pythons.sh failed" >&2; exit 1; }
left=$(( BUDGET - ($(date +%s) - start) ))
[ "$left" -gt 60 ] || { echo "ci_versions: no time left after get_pythons.sh" >&2; exit 1; }
k=""
for p in "${PROGRAMS[@]}"; do k="${k:+$k or }$p-3.1"; done
timeout "$left" "${PYTHON:-.venv/bin/python}" -m pytest -m slow -n 2 -q -rfE tests/test_versions.py \
  -k "test_program_under_version and ($k)"
status=$?
case $status in
  124) echo "ci_versions: over the budget of ${BUDGET}s" >&2; exit 1 ;;
  5) echo "ci_versions: pytest collected no tests" >&2; exit 1 ;;
esac
echo "ci_versions: $(( $(date +%s) - start ))s" >&2
exit "$status"
