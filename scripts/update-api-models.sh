#!/usr/bin/env bash
# Regenerates test/api-models/: the SageMaker and Cognito (cognito-idp) API models the deploy-truth tests check
# templates and API calls against, taken from Debian unstable's python3-botocore. Nothing is installed and the
# system's apt sources, lists and caches are left alone: apt reads a sources entry, lists and a cache of its own
# in a temporary folder, downloads the package there and dpkg-deb extracts it there.
#
# Each model is trimmed to its metadata, the operations the tests use and the transitive closure of their shapes
# (input, output and errors), in botocore's JSON format, without the documentation texts.
# test/api-models/VERSION holds the version of the python3-botocore package they come from.
#
# Usage: scripts/update-api-models.sh   (needs apt-get, dpkg-deb and node; network access to deb.debian.org)
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/api-models

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
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
version=$(dpkg-deb -f "$deb" Version)
data="$T/root/usr/lib/python3/dist-packages/botocore/data"

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
      'CreateFlowDefinition', 'DescribeFlowDefinition', 'DeleteFlowDefinition'],
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
echo "python3-botocore $version"
