#!/usr/bin/env bash
# Regenerates test/api-models/: the SageMaker and Cognito (cognito-idp) API models the deploy-truth tests and the
# handlers' tests check templates and API calls against, from botocore, taken from one of two sources:
#
#   pypi [version]  botocore's wheel from PyPI (`pip download`, the newest release unless a version is given)
#   debian          Debian unstable's python3-botocore: apt reads a sources entry, lists and a cache of its own in a
#                   temporary folder, downloads the package there and dpkg-deb extracts it there
#
# Take whichever is newer (PyPI follows botocore's releases within days; Debian unstable lags). Nothing is installed
# and the system's apt sources, lists and caches are left alone.
#
# Each model is trimmed to its metadata, the operations the tests use and the transitive closure of their shapes
# (input, output and errors), in botocore's JSON format, without the documentation texts.
# test/api-models/VERSION names the source and the version the models come from.
#
# Usage: scripts/update-api-models.sh pypi [version] | debian
#   (needs node, and pip (pypi) or apt-get and dpkg-deb (debian); network access to PyPI or deb.debian.org)
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/api-models
source_name=${1:-pypi}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
case "$source_name" in
  pypi)
    requirement=botocore${2:+==$2}
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: -d "$T" "$requirement"
    wheel=$(ls "$T"/botocore-*.whl)
    mkdir -p "$T/root"
    (cd "$T/root" && python3 -m zipfile -e "$wheel" .)
    version="botocore $(basename "$wheel" | cut -d- -f2) (PyPI)"
    data="$T/root/botocore/data"
    ;;
  debian)
    mkdir -p "$T/etc" "$T/lists/partial" "$T/cache/archives/partial"
    echo 'deb http://deb.debian.org/debian sid main' > "$T/etc/sid.list"
    apt_options=(
      -oDir::State::Lists="$T/lists"
      -oDir::Etc::SourceList=/dev/null
      -oDir::Etc::SourceParts="$T/etc"
      -oDir::Cache="$T/cache"
    )
    apt-get "${apt_options[@]}" -qq update
    (cd "$T" && apt-get "${apt_options[@]}" -qq download python3-botocore)
    deb=$(ls "$T"/python3-botocore_*.deb)
    dpkg-deb -x "$deb" "$T/root"
    version="python3-botocore $(dpkg-deb -f "$deb" Version) (Debian unstable)"
    data="$T/root/usr/lib/python3/dist-packages/botocore/data"
    ;;
  *)
    echo "usage: $0 pypi [version] | debian" >&2
    exit 2
    ;;
esac

mkdir -p "$out"
node - "$data" "$out" <<'EOF'
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const [data, out] = process.argv.slice(2);

// The operations the tests use, per service (botocore's folder name and API version).
const MODELS = [
  {
    name: 'sagemaker',
    folder: 'sagemaker/2017-07-24',
    operations: ['CreateWorkteam', 'UpdateWorkteam', 'DescribeWorkteam', 'DeleteWorkteam',
      'CreateWorkforce', 'UpdateWorkforce', 'DescribeWorkforce', 'DeleteWorkforce',
      'CreateHumanTaskUi', 'DescribeHumanTaskUi', 'DeleteHumanTaskUi',
      'CreateFlowDefinition', 'DescribeFlowDefinition', 'DeleteFlowDefinition',
      'AddTags', 'DeleteTags', 'ListTags'],
  },
  {
    name: 'cognito-idp',
    folder: 'cognito-idp/2016-04-18',
    operations: ['CreateUserPoolClient', 'DescribeUserPoolClient', 'UpdateUserPoolClient', 'DeleteUserPoolClient'],
  },
];

function read(folder) {
  const file = path.join(data, folder, 'service-2.json');
  // Some botocore releases ship their models gzipped.
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf-8'));
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString('utf-8'));
}

function withoutDocumentation(value) {
  if (Array.isArray(value)) return value.map(withoutDocumentation);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'documentation').map(([key, item]) => [key, withoutDocumentation(item)]));
}

for (const { name, folder, operations } of MODELS) {
  const model = read(folder);
  const shapes = new Set();
  const visit = (ref) => {
    if (!ref || shapes.has(ref.shape)) return;
    const shape = model.shapes[ref.shape];
    if (!shape) throw new Error(`${name}: no shape ${ref.shape}`);
    shapes.add(ref.shape);
    Object.values(shape.members ?? {}).forEach(visit);
    [shape.member, shape.key, shape.value].forEach(visit);
  };
  for (const operation of operations) {
    const definition = model.operations[operation];
    if (!definition) throw new Error(`${name}: no operation ${operation}`);
    [definition.input, definition.output, ...(definition.errors ?? [])].forEach(visit);
  }
  const trimmed = {
    version: model.version,
    metadata: model.metadata,
    operations: Object.fromEntries(operations.map((operation) => [operation, model.operations[operation]])),
    shapes: Object.fromEntries([...shapes].sort().map((shape) => [shape, model.shapes[shape]])),
  };
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(withoutDocumentation(trimmed), undefined, 2)}\n`);
  console.log(`${name}: ${operations.length} operations, ${shapes.size} shapes`);
}
EOF
echo "$version" > "$out/VERSION"
echo "$version"
