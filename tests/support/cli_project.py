"""Projects written to disk for CLI tests, and `amlarc-lint check` run through click's
CliRunner (the same entry point as the console script)."""

from __future__ import annotations

import re
import subprocess
import textwrap
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from linter.cli.app import main

_CONCISE = re.compile(r"^(.+?):(\d+):(\d+): (error|warning|note): (AML\d{3}) ", re.M)
_SEVERITY = {"error": "error", "warning": "warning", "note": "info"}

INSTANCE_TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: {name}
spec:
  nodeSelector:
    pool: cpu
  resources:
    requests: {{cpu: 1, memory: 2Gi}}
    limits: {{cpu: "1", memory: 2GB}}
"""
# Line 7 col 11: the pool value; line 9 col 21: `cpu: 1` (AML204, a warning);
# line 10 col 32: `2GB` (AML201, an error: G or Gi?).

# A clean instance type and a deployment within it (the cross-file pair of the stdin and the
# language server tests).
SMALL_INSTANCE_TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata: {name: small}
spec:
  resources:
    requests: {cpu: "500m", memory: 1Gi}
    limits: {cpu: "1", memory: 1Gi}
"""
# Line 7, `"1"` at columns 19-22: the instance type's limits.cpu.
DEPLOYMENT = """\
name: red
type: kubernetes
endpoint_name: churn
model: azureml:churn:3
code_configuration: {code: ./src, scoring_script: score.py}
instance_type: small
resources:
  requests: {cpu: "500m", memory: 1Gi}
  limits: {cpu: "1", memory: 1Gi}
"""
# Line 9, `"1"` at columns 17-20: within the instance type's limits.cpu "1".


@dataclass(frozen=True)
class CheckRun:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def found(self) -> list[tuple[str, int, int, str, str]]:
        """(path, line, column, rule id, severity) of each finding of `--format concise`."""
        return [
            (path, int(line), int(col), rule_id, _SEVERITY[level])
            for path, line, col, level, rule_id in _CONCISE.findall(self.stdout)
        ]


def write_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write each file (text as UTF-8, exactly as given: no newline translation)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else textwrap.dedent(content).encode()
        path.write_bytes(data)
    return root


def check(*args: str) -> CheckRun:
    outcome = CliRunner().invoke(main, ["check", *args])
    if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
        raise outcome.exception
    return CheckRun(outcome.exit_code, outcome.stdout, outcome.stderr)


HELM_TEMPLATE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: {{ .Values.name }}
{{- if .Values.gpu }}
spec: {}
{{- end }}
"""


def write_habits_project(root: Path) -> Path:
    """A git checkout with one instance type to lint (AML201, AML204), a Helm template, a
    file that is not ours, an excluded folder and a git-ignored one."""
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return write_project(
        root,
        {
            "amlarc-lint.toml": 'exclude = ["legacy/**"]\n',
            ".gitignore": "build/\n",
            "it.yaml": INSTANCE_TYPE.format(name="small"),
            "charts/templates/it.yaml": HELM_TEMPLATE,
            "legacy/old.yaml": INSTANCE_TYPE.format(name="old"),
            "build/out.yaml": INSTANCE_TYPE.format(name="out"),
            "notes.yaml": "title: not ours\n",
        },
    )
