"""The Python translations of the README examples (jsii-rosetta's tablet, .jsii.tabl.json) compile, and use no
name beyond the fixture's imports (rosetta/default.ts-fixture) and the inputs the example declares."""
import ast
import json
import re
import textwrap

import pyflakes.checker
import pyflakes.messages
import pytest

from conftest import REPO_ROOT

TABLET = REPO_ROOT / ".jsii.tabl.json"
FIXTURE = REPO_ROOT / "rosetta" / "default.ts-fixture"


def python_module(ts_module):
    """The Python module jsii publishes for an npm module: aws-cdk-lib/aws-sns is aws_cdk.aws_sns."""
    return ts_module.replace("aws-cdk-lib", "aws_cdk").replace("/", ".").replace("-", "_")


def fixture_imports():
    """The fixture's TypeScript imports, as Python import statements."""
    source = FIXTURE.read_text()
    lines = []
    for alias, module in re.findall(r"import \* as (\w+) from '([^']+)';", source):
        lines.append(f"import {python_module(module)} as {alias}")
    for names, module in re.findall(r"import \{([^}]*)\} from '([^']+)';", source):
        lines.append(f"from {python_module(module)} import {', '.join(n.strip() for n in names.split(',') if n.strip())}")
    assert lines, f"no imports found in {FIXTURE}"
    return "\n".join(lines)


def snippets():
    if not TABLET.exists():
        raise RuntimeError(f"{TABLET} is missing: run `npx projen rosetta:extract` first")
    tablet = json.loads(TABLET.read_text())["snippets"]
    return [
        pytest.param(s["translations"]["python"]["source"], id=f"README line {s['location']['field'].get('line')}")
        for s in tablet.values()
    ]


def test_the_fixture_imports_exist_in_the_python_packages():
    exec(compile(fixture_imports(), "fixture", "exec"), {})


def test_the_tablet_holds_every_readme_example():
    readme = (REPO_ROOT / "README.md").read_text()
    assert len(snippets()) == len(re.findall(r"^```ts$", readme, flags=re.MULTILINE))


@pytest.mark.parametrize("source", snippets())
def test_readme_example_compiles_and_uses_only_declared_names(source):
    # `declare const userPool: cognito.IUserPool;` becomes the comment `# user_pool: cognito.IUserPool`.
    declared = set(re.findall(r"^# (\w+): ", source, flags=re.MULTILINE))
    module = (
        fixture_imports()
        + "\n\n\nclass Fixture(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
        + textwrap.indent(source, "        ")
        + "\n"
    )
    compile(module, "README example", "exec")
    checker = pyflakes.checker.Checker(ast.parse(module), "README example")
    undefined = sorted(
        m.message_args[0] for m in checker.messages if isinstance(m, pyflakes.messages.UndefinedName)
    )
    assert [name for name in undefined if name not in declared] == [], module
