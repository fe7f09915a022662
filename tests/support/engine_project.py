"""A small project for the engine's tests: an instance type with two findings
(`cli_project.INSTANCE_TYPE`: AML204 at 9:21, AML201 at 10:32), a copy of it under `legacy/`
and one under `vendor/`, a Helm template and a YAML file that is not ours."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli_project import INSTANCE_TYPE, write_project


def write_engine_project(root: Path, config: str) -> Path:
    return write_project(root, {
        "amlarc-lint.toml": config,
        "types.yaml": INSTANCE_TYPE.format(name="small"),
        "legacy/old.yaml": INSTANCE_TYPE.format(name="old"),
        "vendor/v.yaml": INSTANCE_TYPE.format(name="vendored"),
        "charts/t.yaml": "x: {{ .Values.x }}\n",
        "notours.yaml": "a: 1\n",
    })
