"""The Python package as published carries the bundle of every Lambda handler of the library (src/**/*.lambda.ts):
without one, every app with a Cognito workforce fails at synth. jsii's wheel holds the npm tarball of the library,
which the installed module loads."""
import io
import tarfile
import zipfile
from pathlib import Path

import cdk_sagemaker_workteam

REPO_ROOT = Path(__file__).resolve().parents[2]


def handler_bundles():
    """The files the npm tarball must hold for the handlers of src/: `package/assets/<handler>/index.js`."""
    source = REPO_ROOT / "src"
    bundles = sorted(
        f"package/assets/{path.relative_to(source).with_suffix('').as_posix()}/index.js"
        for path in source.rglob("*.lambda.ts")
    )
    assert bundles, "src/ has no Lambda handler: this test looks in the wrong place"
    return bundles


def bundles_in(tarball_bytes):
    with tarfile.open(fileobj=io.BytesIO(tarball_bytes), mode="r:gz") as tarball:
        return sorted(name for name in tarball.getnames() if name.startswith("package/assets/"))


def test_the_wheel_carries_every_handler_bundle():
    wheels = list((REPO_ROOT / "dist" / "python").glob("*.whl"))
    assert len(wheels) == 1, f"expected the one wheel scripts/test-python.sh built, found {wheels}"
    with zipfile.ZipFile(wheels[0]) as wheel:
        tarballs = [name for name in wheel.namelist() if name.endswith(".jsii.tgz")]
        assert len(tarballs) == 1, tarballs
        assert bundles_in(wheel.read(tarballs[0])) == handler_bundles()


def test_the_installed_module_carries_every_handler_bundle():
    jsii_dir = Path(cdk_sagemaker_workteam.__file__).parent / "_jsii"
    tarballs = list(jsii_dir.glob("*.jsii.tgz"))
    assert len(tarballs) == 1, tarballs
    assert bundles_in(tarballs[0].read_bytes()) == handler_bundles()
