"""The wheel ships every sub-package of `linter/` (pyproject lists them one by one, because
`rules/` and `schemas/` install from outside it as `linter.rules` and `linter.schemas`)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import linter

PACKAGE = Path(linter.__file__).resolve().parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"


def test_pyproject_lists_every_sub_package() -> None:
    setuptools = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {
        ".".join(("linter", *init.parent.relative_to(PACKAGE).parts))
        for init in PACKAGE.rglob("__init__.py")
    }
    assert set(setuptools["packages"]) == on_disk | {"linter.rules", "linter.schemas"}
    assert setuptools["package-dir"] == {
        "linter": "linter", "linter.rules": "rules", "linter.schemas": "schemas",
    }


ROOT = PACKAGE.parent


def test_the_license_file_is_the_mit_license_pyproject_names() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) ")
    assert "The amlarc-lint authors" in text.splitlines()[2]
    # PEP 639: a license expression and a License :: classifier may not be combined.
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]
    assert {"Homepage", "Repository", "Issues"} <= set(project["urls"])


def test_rule_links_and_the_pre_commit_rev_name_the_release_tag() -> None:
    """The release process tags `v<version>` (docs/RELEASING.md); what users pin and click
    must be that tag, never `main`."""
    from linter.core.docs_links import release_tag, rule_doc_url

    assert release_tag() == f"v{linter.__version__}"
    assert f"/blob/v{linter.__version__}/README.md#aml302" in rule_doc_url("AML302")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    revs = re.findall(r"^\s+rev: (\S+)", readme, re.M)
    assert revs == [release_tag()]
    assert "/blob/main/" not in readme
    releasing = (ROOT / "docs" / "RELEASING.md").read_text(encoding="utf-8")
    assert "git tag -a v" in releasing and "twine upload" in releasing


def test_the_sdist_and_wheel_build_and_pass_twine_check(tmp_path: Path) -> None:
    """What PyPI will show: metadata with the license file, classifiers and project URLs."""
    out = tmp_path / "dist"
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    built = subprocess.run(command, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    dists = sorted(out.iterdir(), key=lambda dist: dist.suffix)
    assert [d.suffix for d in dists] == [".gz", ".whl"]
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dists)],
        capture_output=True, text=True, check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with zipfile.ZipFile(dists[1]) as wheel:
        names = wheel.namelist()
        [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
        fields = wheel.read(metadata).decode("utf-8")
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in fields and "License-File: LICENSE" in fields
    assert "Project-URL: Repository, https://github.com/amlarc-lint/amlarc-lint" in fields
    assert "Classifier: Topic :: Software Development :: Quality Assurance" in fields
    assert any(n.endswith("linter/schemas/instancetype.schema.json") for n in names)
