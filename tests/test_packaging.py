"""The wheel ships every sub-package of `linter/` (pyproject lists them one by one, because
`rules/` and `schemas/` install from outside it as `linter.rules` and `linter.schemas`)."""

from __future__ import annotations

import tomllib
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
