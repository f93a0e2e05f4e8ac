#!/usr/bin/env bash
# Makes the local AWS endpoint the handlers' wire tests call (test/moto.ts): moto's server from PyPI, at the pinned
# version, in a virtual environment of its own under .moto/ (git-ignored). Does nothing when that version is there.
#
# Usage: scripts/moto-server.sh   (needs python3 with venv; network access to PyPI on the first run only)
set -euo pipefail
cd "$(dirname "$0")/.."
# moto 5.2.6 (PyPI, 2026-12): Cognito user pools and clients, SageMaker work teams.
MOTO_VERSION=5.2.6
venv=.moto/venv
if [ -x "$venv/bin/moto_server" ] && [ "$(cat .moto/VERSION 2>/dev/null)" = "$MOTO_VERSION" ]; then
  exit 0
fi
rm -rf .moto
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
echo "$MOTO_VERSION" > .moto/VERSION
echo "moto $MOTO_VERSION in $venv"
