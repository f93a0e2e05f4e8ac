#!/usr/bin/env bash
# The README's test command: the whole projen build (projen synth, jsii, API.md, jest with coverage, eslint,
# npm tarball), failing when the build changed a committed file (projen's anti-tamper check), and closing
# with the test totals in the form "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

tree_state() { git status --porcelain=v1 --untracked-files=all; git diff HEAD --binary | sha256sum; }
report=test-reports/junit.xml

print_totals() {
  if [ ! -f "$report" ]; then
    echo "no test report at $report: jest did not run"
    mkdir -p test-reports
    echo "0 passed, 0 failed" | tee test-reports/totals.txt
    return
  fi
  local head tests failures errors skipped
  head=$(grep -o '<testsuites [^>]*>' "$report" | head -n 1)
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$head")
  failures=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$head")
  errors=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$head")
  skipped=$(grep -o '<testsuite [^>]*>' "$report" | sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
  local failed=$((failures + errors))
  echo "$((tests - failed - skipped)) passed, ${failed} failed, ${skipped} skipped" | tee test-reports/totals.txt
}

rm -f "$report"
before=$(tree_state)
npx projen build
status=$?
if [ "$status" -eq 0 ] && [ "$before" != "$(tree_state)" ]; then
  echo "the build changed committed files (generated files are stale): run 'npx projen build' and commit them:"
  git status --short
  git --no-pager diff --stat
  status=1
fi
print_totals
exit "$status"
