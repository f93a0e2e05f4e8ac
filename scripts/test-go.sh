#!/usr/bin/env bash
# The Go module as Go users get it: jsii-pacmak's Go bindings (dist/go/), and `go test` over test/go/, which
# synthesizes an app and compares it with its TypeScript twin (test/twins/). Not part of `npm run verify` unless
# VERIFY_GO=1: with empty caches, downloading (about 490 MB) and compiling aws-cdk-go take 3.5 to 5 minutes on
# 2 cores, which CI's 15 minutes do not hold besides the rest (CONTRIBUTING.md, "Other languages").
# Needs the jsii build (`npx projen build`). Writes test-reports/go.xml (JUnit) for scripts/verify.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

SECONDS=0
rm -rf dist/go
# --code-only: pacmak's own build runs `go mod tidy` on the generated module, which asks the proxy for the pinned
# aws-cdk-go v2.271.0 (it serves none of v2.271.0 to v2.274.0); test/go/go.mod replaces it with v2.275.0.
npx jsii-pacmak --target go --code-only --outdir dist
npx ts-node --project tsconfig.dev.json --transpile-only test/twins/synth.ts "$work/twins"
echo "go: bindings and twins in ${SECONDS}s"

SECONDS=0
mkdir -p test-reports
cd test/go
go mod download
echo "go: modules downloaded in ${SECONDS}s"
SECONDS=0
status=0
TWINS_DIR="$work/twins" go tool gotestsum --format testname --junitfile ../../test-reports/go.xml \
  --junitfile-testsuite-name relative -- -count=1 ./... || status=$?
echo "go: compiled and tested in ${SECONDS}s"
exit "$status"
