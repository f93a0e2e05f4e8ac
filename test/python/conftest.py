"""Fixtures of the Python tests: the templates of the TypeScript twins (test/twins/) and the app they build in."""
import json
import os
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

REPO_ROOT = Path(__file__).resolve().parents[2]
TWINS_SOURCE = REPO_ROOT / "test" / "twins"


@pytest.fixture
def app(tmp_path):
    """An app with the context of the TypeScript twins (registry-schema validation on, no version reporting)."""
    context = json.loads((TWINS_SOURCE / "context.json").read_text())
    return cdk.App(outdir=str(tmp_path / "cdk.out"), context=context)


def twin_templates_dir():
    """Where test/twins/synth.ts wrote the templates of the TypeScript twins (scripts/test-python.sh sets it)."""
    twins_dir = os.environ.get("TWINS_DIR")
    if not twins_dir:
        raise RuntimeError("TWINS_DIR is not set: run the twins first (ts-node test/twins/synth.ts <dir>)")
    return Path(twins_dir)


def twin_template(name):
    """The template the TypeScript twin `name` synthesized."""
    return json.loads((twin_templates_dir() / f"{name}.template.json").read_text())


def assert_same_template(stack, twin_name):
    """The stack synthesizes the same template as its TypeScript twin: the same sections, logical ids and values."""
    actual = Template.from_stack(stack).to_json()
    expected = twin_template(twin_name)
    assert sorted(actual) == sorted(expected), "template sections differ"
    for section in expected:
        if isinstance(expected[section], dict):
            assert sorted(actual[section]) == sorted(expected[section]), f"logical ids of {section} differ"
            for logical_id, value in expected[section].items():
                assert actual[section][logical_id] == value, f"{section}.{logical_id} differs"
        else:
            assert actual[section] == expected[section], f"{section} differs"
