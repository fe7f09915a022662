"""Property: whatever is in the files, `amlarc-lint check` ends with exit 0 or 1 and a
well-formed report, never a traceback. Documents start valid (an InstanceType, a list, a
job, a deployment) and are corrupted: characters that matter to YAML inserted, slices cut,
lines moved, re-indented, bytes flipped, re-encoded.

Bounded for CI (a few seconds); `pytest --long-fuzz tests/cli/test_fuzz.py` runs far more.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cli.app import main

SEEDS = (
    """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: gpu-large
spec:
  nodeSelector:
    agentpool: gpupool
  resources:
    requests:
      cpu: "4"
      memory: 16Gi
    limits:
      cpu: "4"
      memory: "16Gi"
      nvidia.com/gpu: 1
""",
    """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata:
      name: defaultinstancetype
    spec:
      resources:
        requests: {cpu: "1", memory: "1Gi"}
        limits: {cpu: "1", memory: "1Gi"}
  - metadata:
      name: cpusmall
    spec:
      resources:
        requests: &small {cpu: 100m, memory: 100Mi}
        limits: *small
""",
    """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
type: command
command: python train.py --epochs ${{inputs.epochs}}
inputs:
  epochs: 10
environment: azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu@latest
compute: azureml:k8s-compute
resources:
  instance_type: gpu-large
""",
    """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
name: blue
type: kubernetes
endpoint_name: my-endpoint
model: azureml:model:1
instance_type: gpu-large
instance_count: 1
resources:
  requests:
    cpu: "0.5"
    memory: 1Gi
  limits:
    cpu: "1"
    memory: "2Gi"
    nvidia.com/gpu: "1"
---
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineEndpoint.schema.json
name: my-endpoint
compute: azureml:k8s-compute
auth_mode: key
""",
)

# Pieces that change how YAML reads a document.
TOKENS = (
    ": ", "- ", "[", "]", "{", "}", ",", "? ", "&a ", "*a", "<<: *a\n", "!!python/object:os ",
    "!!binary ", "!custom ", "---\n", "...\n", "%YAML 1.1\n", '"', "'", "# ", "\t", "\n", "  ",
    "|\n", ">-\n", "~", "null", "yes", "0x1F", "1e400", ".inf", "2Gi", "2GB", "-1", "500m",
    "\x00", "\ufeff", "é", "\u2028", "\r", "\x85", "{{ .Values.x }}", "${{inputs.x}}",
    "nvidia.com/gpu: ", "instance_type: ", "kind: InstanceType\n", "apiVersion: v1\n",
)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "cut", "replace", "line", "indent"]))
        if action == "insert":
            text = text[:where] + draw(st.sampled_from(TOKENS)) + text[where:]
        elif action == "cut":
            text = text[:where] + text[where + draw(st.integers(1, 40)) :]
        elif action == "replace":
            text = text[:where] + draw(st.text(max_size=8)) + text[where + 1 :]
        else:
            lines = text.split("\n")
            number = where % len(lines)
            if action == "line":
                lines.insert(draw(st.integers(0, len(lines))), lines[number])
            else:
                lines[number] = " " * draw(st.integers(0, 5)) + lines[number].lstrip()
            text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-16", "utf-8-sig"]))
    data = bytearray(text.encode(encoding, "surrogatepass"))
    if data and draw(st.booleans()):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


def assert_well_formed(report: dict, names: set[str], sizes: dict[str, int]) -> None:
    assert report["version"] == 1
    for finding in report["findings"]:
        assert finding["path"] in names, finding
        assert finding["rule_id"] != "AML003", finding["message"]  # no rule may crash
        span = finding["span"]
        assert 1 <= span["start_line"] <= span["end_line"] <= sizes[finding["path"]] + 1
        assert span["start_column"] >= 1 and span["end_column"] >= 1
        assert (span["start_line"], span["start_column"]) <= (span["end_line"], span["end_column"])
    summary = report["summary"]
    assert summary["findings"] == len(report["findings"])
    assert summary["files_checked"] + summary["files_skipped"] == len(names)


def test_no_input_produces_a_traceback(pytestconfig: pytest.Config) -> None:
    examples = 3000 if pytestconfig.getoption("--long-fuzz") else 40

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(files=st.lists(mutated(), min_size=1, max_size=3), cache=st.booleans())
    def lint_mutants(files: list[bytes], cache: bool) -> None:
        with tempfile.TemporaryDirectory() as folder:
            names = {f"doc{i}.yaml" for i in range(len(files))}
            for name, data in zip(sorted(names), files, strict=True):
                (Path(folder) / name).write_bytes(data)
            args = ["check", "--isolated", "--format", "json", folder]
            result = CliRunner().invoke(main, [*args, *([] if cache else ["--no-cache"])])
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                raise AssertionError(result.output) from result.exception
            assert result.exit_code in (0, 1), result.output
            # However the file's lines are counted, there are no more than it has bytes.
            sizes = {name: len(data) for name, data in zip(sorted(names), files, strict=True)}
            assert_well_formed(json.loads(result.stdout), names, sizes)

    lint_mutants()
