"""Generate a synthetic monorepo of Azure ML YAML for the benchmark.

The mix: 30% InstanceType files
(single documents, multi-document files and InstanceTypeLists; a tenth of them broken),
30% command jobs, 20% Kubernetes online deployments, 20% unrelated YAML (GitHub
workflows and Helm values). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

_GPU_POOLS = ("gpupool", "a100pool", "t4pool")
_CPU_POOLS = ("cpupool", "highmem", "general")


@dataclass
class GeneratedRepo:
    root: Path
    instance_type_files: list[str] = field(default_factory=list)
    instance_type_names: list[str] = field(default_factory=list)
    # name -> the file that defines it (for picking a staged file with dependents)
    defined_in: dict[str, str] = field(default_factory=dict)
    # name -> workload files that use it
    users: dict[str, list[str]] = field(default_factory=dict)


def _instance_type_body(rng: random.Random, name: str, broken: str | None, indent: str) -> str:
    cpu = rng.choice(("1", "2", "4", "8", "500m"))
    memory = rng.choice(("2Gi", "4Gi", "8Gi", "16Gi", "1500Mi"))
    gpu = rng.choice((None, None, 1, 2))
    pool = rng.choice(_GPU_POOLS if gpu else _CPU_POOLS)
    request_memory = memory
    if broken == "quantity":
        memory = "2GB"
    elif broken == "request-over-limit":
        request_memory = "64Gi"
    lines = [
        "metadata:",
        f"  name: {name}",
        "spec:",
        "  nodeSelector:",
        f"    agentpool: {pool}",
        "  resources:",
        "    requests:",
        f'      cpu: "{cpu}"',
        f'      memory: "{request_memory}"',
    ]
    if broken == "mis-indented":
        lines.append("  limits:")
    else:
        lines.append("    limits:")
    pad = "    " if broken == "mis-indented" else "      "
    lines += [f'{pad}cpu: "{cpu}"', f'{pad}memory: "{memory}"']
    if gpu:
        lines.append(f"{pad}nvidia.com/gpu: {gpu}")
    if broken == "syntax":
        lines.append(f'{pad}memory: ["{memory}"')
    return "".join(f"{indent}{line}\n" for line in lines)


def _instance_type_document(rng: random.Random, name: str, broken: str | None) -> str:
    head = "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\n"
    return head + _instance_type_body(rng, name, broken, "")


def _instance_type_list(rng: random.Random, names: list[str], broken: str | None) -> str:
    items = []
    for position, name in enumerate(names):
        body = _instance_type_body(rng, name, broken if position == 0 else None, "    ")
        items.append("  - " + body[4:])
    head = "apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceTypeList\nitems:\n"
    return head + "".join(items)


_BROKEN_KINDS = ("quantity", "request-over-limit", "mis-indented", "syntax")

_JOB = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
type: command
display_name: train-{number}
experiment_name: {experiment}
description: Train model {number} on the shared dataset.
code: ./src
command: >-
  python train.py --data ${{{{inputs.training_data}}}} --epochs ${{{{inputs.epochs}}}}
  --learning-rate {rate}
inputs:
  training_data:
    type: uri_folder
    path: azureml:dataset-{dataset}:1
  epochs: {epochs}
outputs:
  model_output:
    type: uri_folder
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:k8s-compute
resources:
  instance_type: {instance_type}
tags:
  team: {experiment}
  owner: ml-platform
"""

_DEPLOYMENT = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
name: {slot}
type: kubernetes
endpoint_name: endpoint-{number}
app_insights_enabled: true
model:
  path: ./model
code_configuration:
  code: ./src
  scoring_script: score.py
environment:
  conda_file: ./environment/conda.yaml
  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest
request_settings:
  request_timeout_ms: 3000
  max_concurrent_requests_per_instance: 1
liveness_probe:
  initial_delay: 30
  period: 10
instance_type: {instance_type}
instance_count: {count}
resources:
  requests:
    cpu: "{cpu}"
    memory: "{memory}"
  limits:
    cpu: "{cpu}"
    memory: "{memory}"
"""

_WORKFLOW = """\
name: build-{number}
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.11", "3.12"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{{{ matrix.python }}}}
      - run: pip install -r requirements.txt
      - run: pytest -q tests/unit/test_{number}.py
"""

_HELM_VALUES = """\
replicaCount: {count}
image:
  repository: registry.example.com/service-{number}
  tag: "1.{number}.0"
  pullPolicy: IfNotPresent
service:
  type: ClusterIP
  port: 80
ingress:
  enabled: false
resources:
  limits:
    cpu: 500m
    memory: 512Mi
nodeSelector: {{}}
tolerations: []
affinity: {{}}
"""

_COMPUTE = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesCompute.schema.json
type: kubernetes
name: k8s-compute
resource_id: /subscriptions/0/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/k
namespace: azureml
"""


def generate(root: Path, files: int, seed: int = 6) -> GeneratedRepo:
    """Write `files` YAML files under `root` (which must not exist yet)."""
    rng = random.Random(seed)
    repo = GeneratedRepo(root)
    root.mkdir(parents=True)
    counts = {
        "instance-types": files * 3 // 10,
        "jobs": files * 3 // 10,
        "deployments": files * 2 // 10,
    }
    counts["unrelated"] = files - sum(counts.values()) - 1  # one compute attach file
    _write(root, "compute/k8s-compute.yaml", _COMPUTE)

    for number in range(counts["instance-types"]):
        broken = _BROKEN_KINDS[number % len(_BROKEN_KINDS)] if number % 10 == 9 else None
        shape = rng.randrange(5)  # 3 in 5 single, 1 in 5 multi-document, 1 in 5 a list
        path = f"instance-types/team-{number % 37:02d}/it-{number:05d}.yaml"
        names = [f"it-{number:05d}-{k}" for k in range(1 if shape < 3 else rng.randint(2, 4))]
        if shape < 3:
            text = _instance_type_document(rng, names[0], broken)
        elif shape == 3:
            text = "---\n".join(
                _instance_type_document(rng, name, broken if k == 0 else None)
                for k, name in enumerate(names)
            )
        else:
            text = _instance_type_list(rng, names, broken)
        _write(root, path, text)
        repo.instance_type_files.append(path)
        if broken != "syntax":
            repo.instance_type_names += names
            repo.defined_in.update(dict.fromkeys(names, path))

    def pick_instance_type() -> str:
        if rng.random() < 0.02:
            return "gpu-not-defined-anywhere"
        return rng.choice(repo.instance_type_names[:200])

    for number in range(counts["jobs"]):
        name = pick_instance_type()
        path = f"jobs/project-{number % 53:02d}/job-{number:05d}.yml"
        _write(root, path, _JOB.format(
            number=number, experiment=f"exp-{number % 29}", rate=rng.choice(("0.01", "0.001")),
            dataset=number % 17, epochs=rng.randint(1, 50), instance_type=name,
        ))
        repo.users.setdefault(name, []).append(path)

    for number in range(counts["deployments"]):
        name = pick_instance_type()
        path = f"deployments/endpoint-{number % 41:02d}/deployment-{number:05d}.yaml"
        _write(root, path, _DEPLOYMENT.format(
            slot=rng.choice(("blue", "green")), number=number, instance_type=name,
            count=rng.randint(1, 3), cpu=rng.choice(("0.5", "1")),
            memory=rng.choice(("1Gi", "2Gi")),
        ))
        repo.users.setdefault(name, []).append(path)

    for number in range(counts["unrelated"]):
        if number % 2:
            path = f".github/workflows/build-{number:05d}.yml"
            text = _WORKFLOW.format(number=number)
        else:
            path = f"charts/service-{number:05d}/values.yaml"
            text = _HELM_VALUES.format(number=number, count=rng.randint(1, 5))
        _write(root, path, text)
    return repo


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
