#!/usr/bin/env bash
# The jest suite against the newest aws-cdk-lib on the npm registry, besides the pinned minimum that `test` uses:
# installs it without saving (package.json and the lockfile stay as they are), runs jest, and restores the pinned
# release whatever happened, so the tree is as before. Where an integration snapshot differs only by aws-cdk-lib's
# own output (asset hashes of its handler code, schema versions), test/integ-snapshots.test.ts reports it instead
# of failing. The consumer test needs the jsii build: `npx projen test:newest-cdk` compiles first.
set -uo pipefail
cd "$(dirname "$0")/.."
pinned=$(node -p "require('./package.json').devDependencies['aws-cdk-lib']")
restore() { npm install --no-save --no-audit --no-fund "aws-cdk-lib@$pinned" >/dev/null && echo "newest-cdk: aws-cdk-lib $pinned restored"; }
trap restore EXIT

npm install --no-save --no-audit --no-fund aws-cdk-lib@latest >/dev/null || exit 1
newest=$(node -p "require('aws-cdk-lib/package.json').version")
echo "newest-cdk: jest against aws-cdk-lib $newest (pinned: $pinned)"
npx projen bundle >/dev/null || exit 1
SECONDS=0
status=0
npx jest --ci --coverage=false "$@" || status=$?
echo "newest-cdk: jest against aws-cdk-lib $newest in ${SECONDS}s"
exit "$status"
