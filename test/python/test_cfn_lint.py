"""cfn-lint, the linter CloudFormation users run, finds nothing in the templates the tests synthesize: the apps of
test/twins/ and the example app ($TWINS_DIR) and the integration snapshots. What it is wrong about is corrected or
ignored in .cfnlintrc.yaml, with its reason."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT, twin_templates_dir

SNAPSHOTS = sorted(REPO_ROOT.glob("test/integ.*.ts.snapshot/*.template.json"))


def templates():
    return sorted(twin_templates_dir().glob("*.template.json")) + SNAPSHOTS


@pytest.fixture(scope="module")
def findings():
    """cfn-lint's findings over every template, by file (one run: its schemas load once)."""
    files = [str(f) for f in templates()]
    result = subprocess.run(
        [str(Path(sys.executable).with_name("cfn-lint")), "--config-file", ".cfnlintrc.yaml", "--format", "json", "--", *files],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
    )
    # Exit codes are bit flags of the levels found (2 error, 4 warning, 8 informational); anything else is a failure.
    assert result.returncode in (0, 2, 4, 6, 8, 10, 12, 14), result.stderr
    by_file = {}
    for match in json.loads(result.stdout or "[]"):
        by_file.setdefault(str(Path(REPO_ROOT, match["Filename"]).resolve()), []).append(match)
    return by_file


def test_lints_the_twins_the_example_app_and_every_integration_snapshot():
    names = {f.name for f in templates()}
    assert {"cognito-workforce.template.json", "example-app.template.json"} <= names
    assert len(SNAPSHOTS) >= 3


@pytest.mark.parametrize("template", templates(), ids=lambda f: f"{f.parent.name}/{f.name}")
def test_cfn_lint_finds_nothing_in(template, findings):
    found = [
        f"{m['Rule']['Id']} {'/'.join(map(str, m['Location']['Path']))}: {m['Message']}"
        for m in findings.get(str(template.resolve()), [])
    ]
    assert found == []
