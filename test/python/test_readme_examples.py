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
FIXTURES = REPO_ROOT / "rosetta"
README = REPO_ROOT / "README.md"


def python_module(ts_module):
    """The Python module jsii publishes for an npm module: aws-cdk-lib/aws-sns is aws_cdk.aws_sns."""
    return ts_module.replace("aws-cdk-lib", "aws_cdk").replace("/", ".").replace("-", "_")


def fixture_imports(fixture="default"):
    """A fixture's TypeScript imports, as Python import statements."""
    source = (FIXTURES / f"{fixture}.ts-fixture").read_text()
    lines = []
    for alias, module in re.findall(r"import \* as (\w+) from '([^']+)';", source):
        lines.append(f"import {python_module(module)} as {alias}")
    for names, module in re.findall(r"import \{([^}]*)\} from '([^']+)';", source):
        lines.append(f"from {python_module(module)} import {', '.join(n.strip() for n in names.split(',') if n.strip())}")
    return "\n".join(lines)


def readme_examples():
    """Every TypeScript example of the README: its line, its fixture (None for `nofixture`) and its code."""
    examples = []
    for match in re.finditer(r"^```ts( [^\n]*)?\n(.*?)^```$", README.read_text(), flags=re.MULTILINE | re.DOTALL):
        options = (match.group(1) or "").split()
        fixture = None if "nofixture" in options else next(
            (option.split("=", 1)[1] for option in options if option.startswith("fixture=")), "default")
        line = README.read_text()[: match.start()].count("\n") + 1
        examples.append((line, fixture, match.group(2)))
    return examples


def python_of(typescript):
    """The Python translation jsii-rosetta made of a TypeScript example."""
    if not TABLET.exists():
        raise RuntimeError(f"{TABLET} is missing: run `npx projen rosetta:extract` first")
    normalized = " ".join(typescript.split())
    for snippet in json.loads(TABLET.read_text())["snippets"].values():
        if " ".join(snippet["translations"]["$"]["source"].split()) == normalized:
            return snippet["translations"]["python"]["source"]
    return None


def module_of(fixture, source):
    """The Python module an example stands in, as its fixture places it: in a stack's constructor, at the top level,
    or alone."""
    if fixture is None:
        return source + "\n"
    if fixture == "default":
        return (
            fixture_imports()
            + "\n\n\nclass Fixture(Stack):\n    def __init__(self, scope, id):\n        super().__init__(scope, id)\n"
            + textwrap.indent(source, "        ")
            + "\n"
        )
    return fixture_imports(fixture) + "\n\n" + source + "\n"


def test_the_fixture_imports_exist_in_the_python_packages():
    assert fixture_imports(), "no imports found in default.ts-fixture"
    for fixture in sorted(path.name[: -len(".ts-fixture")] for path in FIXTURES.glob("*.ts-fixture")):
        exec(compile(fixture_imports(fixture), fixture, "exec"), {})


def test_the_tablet_holds_every_readme_example():
    missing = [line for line, _, code in readme_examples() if python_of(code) is None]
    assert readme_examples() and missing == [], f"README examples at lines {missing} have no translation"


@pytest.mark.parametrize("line,fixture,typescript", readme_examples(), ids=lambda value: value if isinstance(value, int) else None)
def test_readme_example_compiles_and_uses_only_declared_names(line, fixture, typescript):
    source = python_of(typescript)
    assert source is not None, f"README line {line} has no translation"
    # `declare const userPool: cognito.IUserPool;` becomes the comment `# user_pool: cognito.IUserPool`.
    declared = set(re.findall(r"^# (\w+): ", source, flags=re.MULTILINE))
    module = module_of(fixture, source)
    compile(module, f"README line {line}", "exec")
    checker = pyflakes.checker.Checker(ast.parse(module), f"README line {line}")
    undefined = sorted(
        m.message_args[0] for m in checker.messages if isinstance(m, pyflakes.messages.UndefinedName)
    )
    assert [name for name in undefined if name not in declared] == [], module
