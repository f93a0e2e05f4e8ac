#!/usr/bin/env bash
# The README's test command: the whole projen build (projen synth, jsii, API.md, jest with coverage, eslint,
# npm tarball), failing when the build changed a committed file (projen's anti-tamper check), then the Python
# package and cfn-lint (scripts/test-python.sh), closing with the test totals of jest and pytest in the form
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

tree_state() { git status --porcelain=v1 --untracked-files=all; git diff HEAD --binary | sha256sum; }
report=test-reports/junit.xml

# The sum of one attribute of every <testsuite> element of the JUnit reports of every runner: jest's
# (test-reports/junit.xml), pytest's (test-reports/python.xml) and, with VERIFY_GO=1, go test's (test-reports/go.xml).
sum_suites() {
  grep -ho '<testsuite [^>]*>' "${reports[@]}" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" | awk '{ s += $1 } END { print s + 0 }'
}

print_totals() {
  mkdir -p test-reports
  reports=()
  for file in test-reports/*.xml; do [ -f "$file" ] && reports+=("$file"); done
  if [ ! -f "$report" ]; then
    echo "no test report at $report: jest did not run"
  fi
  if [ "${#reports[@]}" -eq 0 ]; then
    echo "0 passed, 0 failed" | tee test-reports/totals.txt
    return
  fi
  local tests failures errors skipped
  tests=$(sum_suites tests)
  failures=$(sum_suites failures)
  errors=$(sum_suites errors)
  skipped=$(sum_suites skipped)
  local failed=$((failures + errors))
  echo "test reports: ${reports[*]}"
  echo "$((tests - failed - skipped)) passed, ${failed} failed, ${skipped} skipped" | tee test-reports/totals.txt
}

rm -f test-reports/*.xml
before=$(tree_state)
npx projen build
status=$?
if [ "$status" -eq 0 ] && [ "$before" != "$(tree_state)" ]; then
  echo "the build changed committed files (generated files are stale): run 'npx projen build' and commit them:"
  git status --short
  git --no-pager diff --stat
  status=1
fi
# The Python package as Python users get it, and cfn-lint over the templates: it needs the jsii build. The Go module
# only with VERIFY_GO=1 (scripts/test-go.sh: 3.5 to 5 minutes more with empty caches).
if [ "$status" -eq 0 ]; then
  bash scripts/test-python.sh || status=1
  if [ "${VERIFY_GO:-0}" = 1 ]; then
    bash scripts/test-go.sh || status=1
  fi
fi
print_totals
exit "$status"
