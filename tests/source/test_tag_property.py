"""Property: whatever YAML tag stands on whatever value, in whatever place the rules read,
the run ends normally. A value PyYAML's safe loader (so azure-ai-ml) cannot construct is an
AML001 finding on that value; no rule crashes (AML003) and every other file is still linted.
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
from linter.source.yaml_reader import parse
from tests.support.lint_helpers import lint_folder

# Every tag the reader resolves or knows, the non-specific `!`, a verbatim tag, and tags it
# does not know; "" is no tag at all.
TAGS = (
    "", "!", "!!null", "!!bool", "!!int", "!!float", "!!str", "!!timestamp", "!!binary",
    "!!map", "!!seq", "!!set", "!!omap", "!!pairs", "!!merge", "!!value",
    "!<tag:yaml.org,2002:int>", "!custom", "!!python/object:os.system",
)
# Every kind of value: each YAML 1.1 scalar type, texts each constructor fails on, and
# collections (empty, flat, of pairs, with merges).
VALUES = (
    "", "x", "1", "-1", "0", "1.5", ".inf", ".nan", "1e3", "1_000", "0x1F", "0b_", "0x", "0o7",
    "1:30", "yes", "Off", "~", "null", "2001-12-14", "2001-13-45", "=", "<<", "_", "+", "-.",
    '""', "'1'", '"500m"', "2Gi", "500m", "1</failure>", "@@", "{}", "[]", "{a: 1}", "[1, x]",
    "[{a: 1}]", "[{a: 1, b: 2}]", "{<<: {a: 1}}", "{<<: x}", "{<<: [{a: 1}, {b: 2}]}",
)

INSTANCE_TYPE = """\
apiVersion: {api}
kind: {kind}
metadata:
  name: {name}
spec:
  nodeSelector:
    {label_key}: {label}
  resources:
    requests: {requests}
    limits:
      cpu: {cpu}
      memory: {memory}
      nvidia.com/gpu: {gpu}
"""
INSTANCE_TYPE_LIST = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceTypeList
items:
  - metadata:
      name: {name}
    spec:
      resources: {resources}
"""
JOB = """\
$schema: {schema}
type: {job_type}
command: python train.py
compute: {compute}
resources:
  instance_type: {instance_type}
"""
DEPLOYMENT = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
name: {deployment_name}
type: kubernetes
endpoint_name: my-endpoint
model: azureml:model:1
instance_type: {instance_type}
instance_count: {count}
resources:
  requests:
    cpu: {cpu}
    memory: {memory}
  limits: {limits}
"""
# The original value in each place; an example replaces some of them.
PLACES = {
    "api": "amlarc.azureml.com/v1alpha1", "kind": "InstanceType", "name": "gpu-large",
    "label_key": "agentpool", "label": "gpupool", "requests": '{cpu: "1", memory: 1Gi}',
    "cpu": '"1"', "memory": "1Gi", "gpu": "1", "resources": '{requests: {cpu: "1"}}',
    "schema": "https://azuremlschemas.azureedge.net/latest/commandJob.schema.json",
    "job_type": "command", "compute": "azureml:k8s-compute", "instance_type": "gpu-large",
    "deployment_name": "blue", "count": "1", "limits": '{cpu: "1", memory: 1Gi}',
}
# Linted beside every example: its AML201 must always be reported.
WITNESS = INSTANCE_TYPE.format(**{**PLACES, "name": "witness", "cpu": '"2GB"'})


def _tagged(tag: str, value: str) -> str:
    return f"{tag} {value}".strip() if tag else value or '""'


def _project(folder: Path, values: dict[str, str]) -> None:
    texts = {
        "it.yaml": INSTANCE_TYPE, "list.yaml": INSTANCE_TYPE_LIST, "job.yaml": JOB,
        "deploy.yaml": DEPLOYMENT,
    }
    for name, template in texts.items():
        (folder / name).write_text(template.format(**{**PLACES, **values}), encoding="utf-8")
    (folder / "witness.yaml").write_text(WITNESS, encoding="utf-8")


@pytest.mark.parametrize("tag", TAGS)
def test_every_tag_on_every_value_reads_without_error(tag: str) -> None:
    """The reader on its own: every document builds, in a mapping, a list and as a key."""
    for value in VALUES:
        text = _tagged(tag, value)
        for document in (f"a: {text}\n", f"- {text}\n", f"? {text}\n: 1\n"):
            for composed in parse(document).documents:
                built = composed.build()
                assert {p.kind for p in built.problems} <= {"tag", "syntax", "limit"}, document


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    tagged=st.dictionaries(
        st.sampled_from(sorted(PLACES)),
        st.tuples(st.sampled_from(TAGS), st.sampled_from(VALUES)),
        min_size=1,
        max_size=4,
    )
)
def test_tags_in_every_place_the_rules_read(tagged: dict[str, tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _project(Path(folder), {place: _tagged(*pair) for place, pair in tagged.items()})
        findings = lint_folder(Path(folder))
    assert not [f for f in findings if f.rule_id == "AML003"], findings
    assert any(f.path == "witness.yaml" and f.rule_id == "AML201" for f in findings)


@pytest.mark.parametrize(
    ("tag", "value"),
    [("!!bool", "x"), ("!!int", '""'), ("!!int", "_"), ("!!float", '""'), ("!!float", ""),
     ("!!int", "+"), ("!!timestamp", "2001-13-45"), ("!!str", "{a: 1}"), ("!!set", "[a]")],
)
def test_a_bad_tag_is_a_located_finding_and_the_run_goes_on(
    tmp_path: Path, tag: str, value: str
) -> None:
    """The fuzz cases, through the CLI: exit 1, AML001 on the value, the witness linted."""
    _project(tmp_path, {"cpu": f"{tag} {value}".strip()})
    args = ["check", "--isolated", "--no-cache", "--format", "json", str(tmp_path)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    findings = json.loads(result.stdout)["findings"]
    assert {
        (f["path"], f["span"]["start_line"], f["span"]["start_column"])
        for f in findings
        if f["rule_id"] == "AML001"
    } == {("it.yaml", 11, 12), ("deploy.yaml", 10, 10)}
    assert any(f["path"] == "witness.yaml" and f["rule_id"] == "AML201" for f in findings)
