#!/usr/bin/env bash
# The Python package as Python users get it: the wheel jsii-pacmak builds (`npx projen package:python`, which
# installs its build tools from PyPI and runs twine check), installed in a new virtual environment with the
# aws-cdk-lib and constructs distributions the library pins (test/python/requirements.txt), then pytest over
# test/python/: Python apps against their TypeScript twins (test/twins/), bad input, the Python translations of
# the README examples, and cfn-lint over every template the tests synthesize (.cfnlintrc.yaml).
# Needs the jsii build (`npx projen build`). Writes test-reports/python.xml (JUnit) for scripts/verify.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 PYTHONDONTWRITEBYTECODE=1
python=${PYTHON:-python3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

SECONDS=0
rm -rf dist/python
npx projen package:python
echo "python: wheel built in ${SECONDS}s: $(ls dist/python/*.whl)"

SECONDS=0
"$python" -m venv "$work/venv" || { echo "python: '$python -m venv' failed: on Debian, install python3-venv"; exit 1; }
"$work/venv/bin/pip" install --quiet --disable-pip-version-check -r test/python/requirements.txt dist/python/*.whl
echo "python: virtual environment installed in ${SECONDS}s"

SECONDS=0
npx ts-node --project tsconfig.dev.json --transpile-only test/twins/synth.ts "$work/twins"
mkdir -p test-reports
status=0
TWINS_DIR="$work/twins" "$work/venv/bin/python" -m pytest test/python -p no:cacheprovider -q \
  --junitxml=test-reports/python.xml -o junit_suite_name=python || status=$?
echo "python: twins and pytest in ${SECONDS}s"
exit "$status"
