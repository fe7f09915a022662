"""The Python front end's speed: `python benchmarks/python_repo.py` (ruff comes with the `test`
extra). `benchmarks/run.py` runs it too.

Generates a git repository of 10,000 files: 7,000 YAML files (benchmarks/repo_generator.py)
and 3,000 Python files, 300 of them azure-ai-ml SDK code (jobs, deployments, endpoints; 30 of
them notebooks; a tenth with a mistake) and 2,700 ordinary modules that never mention the
SDK. Times, alternating round by round, whole-process runs of:
- `amlarc-lint check .` on the whole repository (YAML and Python),
- the same with a config that includes YAML files only (the run without the front end),
- `ruff check` on the same 3,000 Python files (no cache),
and, on a repository of 10,000 YAML files and no Python, `amlarc-lint check .` against the
same YAML-only config (the front end must not slow a repository without Python).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repo_generator import GeneratedRepo, generate
from run import BIN, Command, alternate, git, table

TOTAL = 10_000
PYTHON = 3_000
SDK = 300
NOTEBOOKS = 30
YAML_ONLY = 'include = ["**/*.yaml", "**/*.yml"]\n'

_JOB = '''"""Training job {number}."""
import argparse

from azure.ai.ml import MLClient, command, Input
from azure.identity import DefaultAzureCredential

COMPUTE = "azureml:k8s-compute"
INSTANCE_TYPE = "{instance_type}"


def submit(client: MLClient, data: str) -> None:
    job = command(
        code="./src",
        command="python train.py --data ${{{{inputs.data}}}} --epochs {epochs}",
        inputs={{"data": Input(type="uri_folder", path=data)}},
        environment="azureml:sklearn-env:{number}",
        compute=COMPUTE,
        {keyword}=INSTANCE_TYPE,
        display_name="train-{number}",
    )
    job.resources.instance_count = {count}
    client.jobs.create_or_update(job)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="azureml:dataset-{number}:1")
    args = parser.parse_args()
    submit(MLClient.from_config(DefaultAzureCredential()), args.data)
'''
_DEPLOYMENT = '''from azure.ai.ml.entities import (
    CodeConfiguration,
    KubernetesOnlineDeployment,
    KubernetesOnlineEndpoint,
    ResourceRequirementsSettings,
    ResourceSettings,
)

endpoint = KubernetesOnlineEndpoint(name="endpoint-{number}", compute="k8s-compute")
deployment = KubernetesOnlineDeployment(
    name="blue",
    endpoint_name="endpoint-{number}",
    model="azureml:model-{number}:1",
    code_configuration=CodeConfiguration(code="./score", scoring_script="score.py"),
    instance_type="{instance_type}",
    instance_count={count},
    resources=ResourceRequirementsSettings(
        requests=ResourceSettings(cpu="{cpu}", memory="{memory}"),
        limits=ResourceSettings(cpu="{cpu}", memory="{memory}", {gpu}="1"),
    ),
)
'''
_MODULE = '''"""Module {number}: data helpers (no Azure ML here)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Record{number}:
    name: str
    values: list[float] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0

    def scaled(self, factor: float = {factor}) -> list[float]:
        return [value * factor for value in self.values]


def load(path: Path) -> list[Record{number}]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            records.append(Record{number}(item["name"], item.get("values", [])))
    return records


def summarise(records: list[Record{number}]) -> dict[str, float]:
    totals: dict[str, float] = {{}}
    for record in records:
        totals[record.name] = totals.get(record.name, 0.0) + record.mean()
    return dict(sorted(totals.items()))


def main() -> None:
    source = Path(os.environ.get("DATA_{number}", "data.jsonl"))
    if source.exists():
        print(json.dumps(summarise(load(source)), indent=2))


if __name__ == "__main__":
    main()
'''


def _notebook(code: str) -> str:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Train on Kubernetes"]},
             {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": ["%pip install azure-ai-ml\n"]}]
    for chunk in code.split("\n\n\n"):
        lines = chunk.strip("\n").split("\n")
        source = [line + "\n" for line in lines[:-1]] + lines[-1:]
        cells.append({"cell_type": "code", "execution_count": None, "metadata": {},
                      "outputs": [], "source": source})
    notebook = {"cells": cells, "metadata": {"kernelspec": {"name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1) + "\n"


def generate_python(root: Path, names: list[str], seed: int = 12) -> list[str]:
    """Write the Python files into `root`; return their paths."""
    rng = random.Random(seed)
    paths = []
    for number in range(SDK):
        mistake = number % 10 >= 8  # one job and one deployment in ten
        values = {
            "number": number, "count": rng.randint(1, 4), "epochs": rng.randint(1, 30),
            "instance_type": rng.choice(names[:200]), "cpu": rng.choice(("500m", "1", "2")),
            "memory": rng.choice(("1Gi", "2Gi", "4Gi")),
            "keyword": "instance_typ" if mistake else "instance_type",
            "gpu": "nvidia_gpu" if mistake else "gpu",
        }
        code = (_JOB if number % 2 else _DEPLOYMENT).format(**values)
        if number < NOTEBOOKS:
            path = f"ml/notebooks/train-{number:04d}.ipynb"
            _write(root, path, _notebook(code))
        else:
            path = f"ml/{'jobs' if number % 2 else 'deploy'}/sdk_{number:04d}.py"
            _write(root, path, code)
        paths.append(path)
    for number in range(PYTHON - SDK):
        path = f"src/package_{number % 47:02d}/module_{number:04d}.py"
        _write(root, path, _MODULE.format(number=number, factor=rng.choice((0.5, 2.0, 10.0))))
        paths.append(path)
    return paths


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _repository(root: Path, with_python: bool) -> GeneratedRepo:
    repo = generate(root, TOTAL - PYTHON if with_python else TOTAL)
    if with_python:
        generate_python(root, repo.instance_type_names)
    (root / "yaml-only.toml").write_text(YAML_ONLY, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "generated")
    return repo


def python_rows(workdir: Path, runs: int) -> tuple[list[tuple[Command, str]], list[str]]:
    lint = [str(BIN / "amlarc-lint"), "check", "--format", "concise"]
    mixed = workdir / "repo-python"
    _repository(mixed, with_python=True)
    whole = Command(f"amlarc-lint check . ({TOTAL:,} files, {PYTHON:,} Python, {SDK} SDK)",
                    [*lint, "."], TOTAL, runs)
    yaml_only = Command(f"amlarc-lint check ., YAML files only ({TOTAL - PYTHON:,})",
                        [*lint, "--config", "yaml-only.toml", "."], TOTAL - PYTHON, runs)
    ruff = Command(f"ruff check on the same Python files ({PYTHON:,})",
                   [str(BIN / "ruff"), "check", "--isolated", "--no-cache", "--exit-zero",
                    "ml", "src"], PYTHON, runs)
    for command in (whole, yaml_only):  # warm the OS file cache and the facts cache
        alternate([Command(command.label, command.argv, 0, 1)], mixed)
    alternate([whole, yaml_only, ruff], mixed)
    shutil.rmtree(mixed)

    plain = workdir / "repo-yaml"
    _repository(plain, with_python=False)
    no_python = Command(f"amlarc-lint check . ({TOTAL:,} YAML files, no Python)",
                        [*lint, "."], TOTAL, runs)
    no_python_yaml = Command(f"the same, YAML files only ({TOTAL:,})",
                             [*lint, "--config", "yaml-only.toml", "."], TOTAL, runs)
    for command in (no_python, no_python_yaml):
        alternate([Command(command.label, command.argv, 0, 1)], plain)
    alternate([no_python, no_python_yaml], plain)
    shutil.rmtree(plain)

    front_end = whole.median / yaml_only.median
    versus_ruff = whole.median / ruff.median
    python_part = (whole.median - yaml_only.median) / ruff.median
    idle = no_python.median / no_python_yaml.median
    rows = [
        (whole, ""),
        (yaml_only, f"the whole run takes {front_end:.2f}x this"),
        (ruff, f"the whole run takes {versus_ruff:.2f}x this; its Python part "
               f"{python_part:.2f}x"),
        (no_python, ""),
        (no_python_yaml, f"default include takes {idle:.2f}x this"),
    ]
    summary = [
        f"- {TOTAL:,} files with {PYTHON:,} Python: whole run / YAML-only run = {front_end:.2f}; "
        f"/ ruff on the Python files = {versus_ruff:.2f}; the Python part alone "
        f"(whole - YAML-only) / ruff = {python_part:.2f}",
        f"- {TOTAL:,} YAML files, no Python: default include / YAML-only include = {idle:.2f} "
        "(target: 1)",
    ]
    return rows, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (medians)")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="amlarc-bench-python-"))
    try:
        rows, summary = python_rows(workdir, args.runs)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    print()
    print("\n".join(summary))


if __name__ == "__main__":
    main()
