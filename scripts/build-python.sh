#!/usr/bin/env bash
# Builds the Python distribution (wheel and sdist) of the library offline and checks it with twine.
#
# jsii-pacmak's Python target normally installs its build tools from PyPI; here it only generates the
# Python project (--code-only), and Debian's python3-build, setuptools, wheel and twine build and check it.
# Needs the jsii assembly: run `npx projen compile` first.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! /usr/bin/python3 -c 'import build, setuptools, wheel' 2>/dev/null || ! command -v twine >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends python3-build python3-setuptools python3-wheel twine >/dev/null
fi

out=dist/python
rm -rf "$out" .pacmak-python
npx jsii-pacmak --target python --code-only --outdir .pacmak-python
project=$(find .pacmak-python -name pyproject.toml -printf '%h\n' | head -n 1)
# The generated project pins build tools from PyPI; Debian's satisfy the build: skip the version check.
/usr/bin/python3 -m build --no-isolation --skip-dependency-check --sdist --wheel --outdir "$out" "$project"
twine check --strict "$out"/*
# The generated bindings are valid Python (importing them needs the jsii runtime from PyPI).
find "$project/src" -name '*.py' -print0 | xargs -0 /usr/bin/python3 -m py_compile
rm -rf .pacmak-python
ls -l "$out"
