"""Property: on any generated file, `--fix` reaches a fixed point in one run (a second
`--fix` changes no byte), and keeps every comment, the line endings, the BOM and the
encoding."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.cli_project import check, write_project

CPU = ["1", '"1"', "500m", "'250m'", "2", "0.5", "1 ", "'1 '"]
MEMORY = ["2Gi", '"4Gi"', "500mi", "1gi", "2GB", "1 Gi", "512Mi", "4"]
GPU = ["1", '"1"', "2", "'2'"]
LABEL = ["cpu", "true", "yes", '"true"', "on", "1", "gpu-pool"]


@st.composite
def yaml_files(draw: st.DrawFn) -> tuple[bytes, list[str], str, str]:
    """(file bytes, comment markers written in it, newline, encoding name)."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    comments: list[str] = []

    def note() -> str:
        if not draw(st.booleans()):
            return ""
        comments.append(f"# note {len(comments)}")
        return "  " + comments[-1]

    def section(name: str, gpu: bool, indent: str) -> list[str]:
        entries = [("cpu", draw(st.sampled_from(CPU))), ("memory", draw(st.sampled_from(MEMORY)))]
        if gpu:
            entries.append(("nvidia.com/gpu", draw(st.sampled_from(GPU))))
        entries = draw(st.permutations(entries))
        if draw(st.booleans()):  # flow style
            inner = ", ".join(f"{key}: {value}" for key, value in entries)
            return [f"{indent}{name}: {{{inner}}}{note()}"]
        return [f"{indent}{name}:{note()}"] + [
            f"{indent}  {key}: {value}{note()}" for key, value in entries
        ]

    documents = []
    for number in range(draw(st.integers(1, 2))):
        kind = draw(st.sampled_from(["instance-type", "deployment"]))
        gpu_in = draw(st.sampled_from(["requests", "limits", "both", "none"]))
        if kind == "instance-type":
            lines = [
                "apiVersion: amlarc.azureml.com/v1alpha1",
                f"kind: InstanceType{note()}",
                "metadata:",
                f"  name: type-{number}",
                "spec:",
                "  nodeSelector:",
                f"    pool: {draw(st.sampled_from(LABEL))}{note()}",
                "  resources:",
            ]
            indent = "    "
        else:
            lines = [
                "$schema: https://azuremlschemas.azureedge.net/latest/"
                "kubernetesOnlineDeployment.schema.json",
                f"name: blue-{number}",
                "type: kubernetes",
                "endpoint_name: ep",
                "model: azureml:m:1",
                "code_configuration: {code: ./src, scoring_script: score.py}",
                "instance_type: defaultinstancetype",
                f"resources:{note()}",
            ]
            indent = "  "
        lines += section("requests", gpu_in in ("requests", "both"), indent)
        if draw(st.booleans()) or gpu_in in ("limits", "both"):
            lines += section("limits", gpu_in in ("limits", "both"), indent)
        documents.append(lines)
    text = newline.join(newline.join(lines) for lines in documents)
    text = text.replace(newline + "apiVersion", newline + "---" + newline + "apiVersion")
    text = text.replace(newline + "$schema", newline + "---" + newline + "$schema")
    if draw(st.booleans()):
        text += newline
    return text.encode(encoding), comments, newline, encoding


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(generated=yaml_files())
def test_fix_twice_changes_nothing_the_second_time(
    generated: tuple[bytes, list[str], str, str],
) -> None:
    original, comments, newline, encoding = generated
    with tempfile.TemporaryDirectory() as folder:
        project = write_project(Path(folder), {"amlarc-lint.toml": "", "file.yaml": original})
        check("--fix", folder)
        once = (project / "file.yaml").read_bytes()
        second = check("--fix", folder)
        assert (project / "file.yaml").read_bytes() == once
        assert "fixed" not in second.stderr
        assert check("--diff", folder).stdout == ""
    bom = {"utf-8-sig": codecs.BOM_UTF8, "utf-16": original[:2]}.get(encoding, b"")
    assert once.startswith(bom)
    text = once.decode(encoding)
    kept = [m for m in comments if text.count(m + newline) + text.endswith(m) == 1]
    assert kept == comments
    if newline == "\r\n":
        assert "\n" not in text.replace("\r\n", "")

