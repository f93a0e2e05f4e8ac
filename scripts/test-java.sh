#!/usr/bin/env bash
# The Java package as Java users get it: jsii-pacmak's Maven package, and JUnit 5 (test/java/, a Maven project)
# over a Cognito workforce with teams and an OIDC workforce with teams, each compared with its TypeScript twin
# (test/twins/), and a bad input that must name the property.
#
# Maven Central, as these machines reach it, serves the aws-cdk-lib jars of the pinned versions but its
# maven-metadata.xml lists aws-cdk-lib only up to 2.263.0, so the range the generated pom asks for
# ([<pinned>,3.0.0)) finds nothing there. The exact jars are fetched and installed into a local repository under
# dist/ first: a range also reads the local repository's own metadata, which then lists them.
# MAVEN_LOCAL_REPOSITORY (default dist/maven-repository) is that repository; delete it to start from empty caches.
# Needs the jsii build (`npx projen compile`). Writes test-reports/java-*.xml (JUnit) for scripts/verify.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
repo=$(realpath -m "${MAVEN_LOCAL_REPOSITORY:-dist/maven-repository}")
mvn=(mvn --batch-mode --no-transfer-progress -Dstyle.color=never -Dmaven.repo.local="$repo")

version_of() { node -p "require('./package.json').devDependencies['$1']"; }
cdk_version=$(version_of aws-cdk-lib)
constructs_version=$(version_of constructs)
library_version=$(node -p "require('./package.json').version")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Fetches an exact artifact with its dependencies, then installs it into the local repository (its metadata then
# lists the version, for version ranges).
install_exact() {
  local group=$1 artifact=$2 version=$3
  "${mvn[@]}" -q dependency:get -Dartifact="$group:$artifact:$version" -Dtransitive=true
  local dir="$repo/${group//.//}/$artifact/$version"
  cp "$dir/$artifact-$version.jar" "$work/$artifact.jar"
  cp "$dir/$artifact-$version.pom" "$work/$artifact.pom"
  "${mvn[@]}" -q install:install-file -Dfile="$work/$artifact.jar" -DpomFile="$work/$artifact.pom"
}

SECONDS=0
install_exact software.amazon.awscdk aws-cdk-lib "$cdk_version"
install_exact software.constructs constructs "$constructs_version"
echo "java: aws-cdk-lib $cdk_version and constructs $constructs_version installed in ${SECONDS}s"

SECONDS=0
rm -rf dist/java
npx jsii-pacmak --target java --maven-local-repository "$repo" --outdir dist
package_dir=dist/java/io/github/cdk-sagemaker-workteam/cdk-sagemaker-workteam/$library_version
"${mvn[@]}" -q install:install-file -Dfile="$package_dir/cdk-sagemaker-workteam-$library_version.jar" \
  -DpomFile="$package_dir/cdk-sagemaker-workteam-$library_version.pom"
echo "java: package built in ${SECONDS}s: $package_dir"

SECONDS=0
npx ts-node --project tsconfig.dev.json --transpile-only test/twins/synth.ts "$work/twins"
mkdir -p test-reports
rm -f test-reports/java-*.xml
status=0
(cd test/java && TWINS_DIR="$work/twins" "${mvn[@]}" -Dlibrary.version="$library_version" \
  -Daws-cdk-lib.version="$cdk_version" -Dconstructs.version="$constructs_version" test) || status=$?
for report in test/java/target/surefire-reports/TEST-*.xml; do
  [ -f "$report" ] && cp "$report" "test-reports/java-$(basename "$report" .xml | sed 's/^TEST-//').xml"
done
echo "java: twins, compile and JUnit in ${SECONDS}s"
exit "$status"
