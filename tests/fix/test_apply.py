"""`check --fix` and `check --diff` through the CLI: each fix, exact bytes everywhere else,
files left untouched when the result would not re-parse to the intended data, atomic
writes, and the findings that remain."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from tests.support.cli_project import check, write_project

IT_HEAD = b"apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata:\n  name: t\n"
DEPLOYMENT_HEAD = (
    b"$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json\n"
    b"name: blue\ntype: kubernetes\nendpoint_name: ep\nmodel: azureml:m:1\n"
    b"code_configuration: {code: ./src, scoring_script: score.py}\n"
    b"instance_type: defaultinstancetype\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"amlarc-lint.toml": ""})


def _fixed(project: Path, name: str, before: bytes, *args: str) -> bytes:
    write_project(project, {name: before})
    check("--fix", *args)
    return (project / name).read_bytes()


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(  # AML204 in an InstanceType: cpu quoted, the GPU count unquoted
            b"spec:\n  resources:\n    requests: {cpu: 1, memory: 2Gi}\n"
            b'    limits: {cpu: "1", memory: 2Gi, nvidia.com/gpu: "1"}\n',
            b'spec:\n  resources:\n    requests: {cpu: "1", memory: 2Gi}\n'
            b'    limits: {cpu: "1", memory: 2Gi, nvidia.com/gpu: 1}\n',
            id="AML204-instance-type",
        ),
        pytest.param(  # AML601: a YAML boolean in a nodeSelector becomes a string
            b"spec:\n  nodeSelector:\n    gpu: true  # the GPU pool\n  resources:\n"
            b'    requests: {cpu: "1", memory: 2Gi}\n    limits: {cpu: "1", memory: 2Gi}\n',
            b'spec:\n  nodeSelector:\n    gpu: "true"  # the GPU pool\n  resources:\n'
            b'    requests: {cpu: "1", memory: 2Gi}\n    limits: {cpu: "1", memory: 2Gi}\n',
            id="AML601",
        ),
        pytest.param(  # AML201 where the intent is unambiguous; 2GB (G or Gi?) stays
            b"spec:\n  resources:\n    requests: {cpu: 500m, memory: 500mi}\n"
            b"    limits: {cpu: 500m, memory: 2GB}\n",
            b"spec:\n  resources:\n    requests: {cpu: 500m, memory: 500Mi}\n"
            b"    limits: {cpu: 500m, memory: 2GB}\n",
            id="AML201",
        ),
        pytest.param(  # AML201 on cpu: "500mi" meant millicores, never 500 * 2^20 cores
            b"spec:\n  resources:\n    requests: {cpu: 500mi, memory: 1Gi}\n"
            b"    limits: {cpu: 500m, memory: 1Gi}\n",
            b"spec:\n  resources:\n    requests: {cpu: 500m, memory: 1Gi}\n"
            b"    limits: {cpu: 500m, memory: 1Gi}\n",
            id="AML201-cpu",
        ),
        pytest.param(  # AML303 into an existing block mapping, with the entry's comment
            b"spec:\n  resources:\n    requests:\n      cpu: \"1\"\n"
            b"      nvidia.com/gpu: 1  # one GPU\n      memory: 2Gi\n"
            b"    # limits follow\n    limits:\n      cpu: \"1\"\n      memory: 2Gi\n",
            b"spec:\n  resources:\n    requests:\n      cpu: \"1\"\n      memory: 2Gi\n"
            b"    # limits follow\n    limits:\n      cpu: \"1\"\n      memory: 2Gi\n"
            b"      nvidia.com/gpu: 1  # one GPU\n",
            id="AML303-block",
        ),
        pytest.param(  # AML303 into a flow mapping; the entry's comment comes along
            b"spec:\n  resources:\n    requests:\n      cpu: \"1\"\n      memory: 2Gi\n"
            b"      nvidia.com/gpu: 2  # two GPUs\n    limits: {cpu: \"1\", memory: 2Gi}\n",
            b"spec:\n  resources:\n    requests:\n      cpu: \"1\"\n      memory: 2Gi\n"
            b"    limits: {cpu: \"1\", memory: 2Gi, nvidia.com/gpu: 2}  # two GPUs\n",
            id="AML303-flow",
        ),
    ],
)
def test_each_fix_edits_exactly_its_span(project: Path, before: bytes, after: bytes) -> None:
    assert _fixed(project, "it.yaml", IT_HEAD + before) == IT_HEAD + after


def test_aml011_fixes_the_letter_case_of_a_kind(project: Path) -> None:
    before = IT_HEAD.replace(b"InstanceType", b"Instancetype") + (
        b'spec:\n  resources:\n    requests: {cpu: "1", memory: 2Gi}\n'
        b'    limits: {cpu: "1", memory: 2Gi}\n'
    )
    assert _fixed(project, "it.yaml", before) == before.replace(b"Instancetype", b"InstanceType")


def test_aml303_creates_limits_and_keeps_an_emptied_requests(project: Path) -> None:
    before = IT_HEAD + (
        b"spec:\n  resources:\n    requests:\n      nvidia.com/gpu: 1\n"
        b"  nodeSelector:\n    pool: gpu\n"
    )
    after = IT_HEAD + (
        b"spec:\n  resources:\n    requests: {}\n    limits:\n      nvidia.com/gpu: 1\n"
        b"  nodeSelector:\n    pool: gpu\n"
    )
    assert _fixed(project, "it.yaml", before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(  # no resources yet: it is created where instance_type stood
            b"command: python train.py\ninstance_type: gpu  # big\nenvironment: azureml:e:1\n",
            b"command: python train.py\nresources:\n  instance_type: gpu  # big\n"
            b"environment: azureml:e:1\n",
            id="job-creates-resources",
        ),
        pytest.param(  # a pipeline step, CRLF, the last line without a line break
            b"type: pipeline\r\njobs:\r\n  train:\r\n    command: python t.py\r\n"
            b"    instance_type: gpu",
            b"type: pipeline\r\njobs:\r\n  train:\r\n    command: python t.py\r\n"
            b"    resources:\r\n      instance_type: gpu",
            id="pipeline-step-crlf",
        ),
        pytest.param(  # into the step's existing resources
            b"type: pipeline\njobs:\n  train:\n    command: python t.py\n"
            b"    instance_type: gpu\n    resources:\n      instance_count: 2\n",
            b"type: pipeline\njobs:\n  train:\n    command: python t.py\n"
            b"    resources:\n      instance_count: 2\n      instance_type: gpu\n",
            id="pipeline-step-existing-resources",
        ),
    ],
)
def test_aml406_moves_instance_type_under_resources(
    project: Path, before: bytes, after: bytes
) -> None:
    assert _fixed(project, "job.yml", before, "--select", "AML406") == after


def test_fixes_on_one_span_are_applied_in_rounds(project: Path) -> None:
    """AML303 moves the GPU out of requests; the next round quotes it (AML204, deployment)."""
    before = DEPLOYMENT_HEAD + b"resources:\n  requests:\n    nvidia.com/gpu: 1\n"
    after = DEPLOYMENT_HEAD + b'resources:\n  requests: {}\n  limits:\n    nvidia.com/gpu: "1"\n'
    assert _fixed(project, "dep.yaml", before) == after


def test_aml204_quotes_a_number_in_a_deployment(project: Path) -> None:
    before = DEPLOYMENT_HEAD + b"resources:\n  requests:\n    cpu: 2\n    memory: 4Gi\n"
    after = DEPLOYMENT_HEAD + b'resources:\n  requests:\n    cpu: "2"\n    memory: 4Gi\n'
    assert _fixed(project, "dep.yaml", before) == after


def test_a_move_it_cannot_write_exactly_is_left_as_a_finding(project: Path) -> None:
    before = IT_HEAD + (
        b"spec:\n  resources:\n    requests: {cpu: \"1\", memory: 2Gi, nvidia.com/gpu: 1}\n"
        b"    limits: {cpu: \"1\", memory: 2Gi}\n"
    )
    assert _fixed(project, "it.yaml", before) == before
    assert check("--format", "concise").found == [("it.yaml", 7, 39, "AML303", "error")]


def test_fix_reports_what_remains(project: Path) -> None:
    write_project(
        project,
        {
            "it.yaml": IT_HEAD
            + b'spec:\n  resources:\n    requests: {cpu: 1, memory: 2GB}\n'
            b'    limits: {cpu: "1", memory: 500mi}\n'
        },
    )
    run = check("--fix", "--format", "concise")
    assert run.exit_code == 1
    assert run.found == [("it.yaml", 7, 34, "AML201", "error")]  # after `cpu: "1"`
    assert run.stderr == "amlarc-lint: fixed 2 findings in 1 file\n"


def test_suppressed_and_baselined_findings_are_not_fixed(project: Path) -> None:
    before = IT_HEAD + (
        b"spec:\n  resources:\n    requests: {cpu: 1, memory: 2Gi}  # amlarc-lint: ignore\n"
        b'    limits: {cpu: 1, memory: 2Gi}\n'
    )
    write_project(project, {"it.yaml": before})
    check("--write-baseline", "baseline.json")
    run = check("--fix", "--baseline", "baseline.json")
    assert (run.exit_code, run.stderr) == (0, "")
    assert (project / "it.yaml").read_bytes() == before


def test_diff_shows_the_fixes_and_writes_nothing(project: Path) -> None:
    before = DEPLOYMENT_HEAD + b"resources:\n  requests:\n    cpu: 1\n    memory: 1 Gi"
    write_project(project, {"dep.yaml": before})
    run = check("--diff")
    assert run.exit_code == 1
    assert run.stdout == (
        "--- a/dep.yaml\n"
        "+++ b/dep.yaml\n"
        "@@ -7,5 +7,5 @@\n"
        " instance_type: defaultinstancetype\n"
        " resources:\n"
        "   requests:\n"
        "-    cpu: 1\n"
        "-    memory: 1 Gi\n"
        "\\ No newline at end of file\n"
        '+    cpu: "1"\n'
        "+    memory: 1Gi\n"
        "\\ No newline at end of file\n"
    )
    assert (project / "dep.yaml").read_bytes() == before
    check("--fix")
    assert check("--diff").stdout == ""
    assert check("--diff").exit_code == 0


def test_mixed_files_change_only_at_the_fixed_spans(project: Path) -> None:
    crlf = (
        b"# Comment-heavy, CRLF line endings\r\n"
        b"apiVersion: amlarc.azureml.com/v1alpha1   # trailing\r\n"
        b"kind: InstanceType\r\nmetadata:\r\n  name: crlf  # name\r\nspec:\r\n"
        b"  # selector\r\n  nodeSelector:\r\n    gpu: yes   # a YAML 1.1 boolean\r\n"
        b"  resources:\r\n    requests:\r\n      cpu: 1     # one core\r\n"
        b"      memory: '2Gi'\r\n      nvidia.com/gpu: 1  # the GPU\r\n"
        b"    # limits follow\r\n    limits:\r\n      cpu: \"1\"\r\n      memory: \"2Gi\"\r\n"
    )
    crlf_fixed = (
        b"# Comment-heavy, CRLF line endings\r\n"
        b"apiVersion: amlarc.azureml.com/v1alpha1   # trailing\r\n"
        b"kind: InstanceType\r\nmetadata:\r\n  name: crlf  # name\r\nspec:\r\n"
        b'  # selector\r\n  nodeSelector:\r\n    gpu: "yes"   # a YAML 1.1 boolean\r\n'
        b'  resources:\r\n    requests:\r\n      cpu: "1"     # one core\r\n'
        b"      memory: '2Gi'\r\n"
        b"    # limits follow\r\n    limits:\r\n      cpu: \"1\"\r\n      memory: \"2Gi\"\r\n"
        b"      nvidia.com/gpu: 1  # the GPU\r\n"
    )
    bom = codecs.BOM_UTF8 + DEPLOYMENT_HEAD.replace(b"blue", b"caf\xc3\xa9") + (
        b"resources:   # \xe2\x82\xac comments, 'quotes' and \"doubles\" stay\n"
        b"  requests: {cpu: '500m', memory: 512mi}\n"
        b"  limits: {cpu: \"1\",  memory: 1gi}   # spacing stays\n"
    )
    bom_fixed = codecs.BOM_UTF8 + DEPLOYMENT_HEAD.replace(b"blue", b"caf\xc3\xa9") + (
        b"resources:   # \xe2\x82\xac comments, 'quotes' and \"doubles\" stay\n"
        b"  requests: {cpu: '500m', memory: 512Mi}\n"
        b"  limits: {cpu: \"1\",  memory: 1Gi}   # spacing stays\n"
    )
    utf16 = IT_HEAD.replace(b"name: t", b"name: wide") + (
        b"spec:\n  resources:\n    requests: {cpu: \"1\", memory: 2Gi}\n"
        b"    limits: {cpu: \"1\", memory: 2Gi, nvidia.com/gpu: \"2\"}\n"
    )
    clean = IT_HEAD.replace(b"name: t", b"name: clean") + (
        b"spec:\n  resources:\n    requests: {cpu: \"1\", memory: 2Gi}\n"
        b"    limits: {cpu: \"1\", memory: 2Gi}\n"
    )
    wide = codecs.BOM_UTF16_LE + utf16.decode().encode("utf-16-le")
    write_project(
        project, {"crlf.yaml": crlf, "bom.yaml": bom, "utf16.yaml": wide, "clean.yaml": clean}
    )
    run = check("--fix", "--format", "concise")
    assert (run.exit_code, run.found) == (0, [])
    assert run.stderr == "amlarc-lint: fixed 6 findings in 3 files\n"
    assert (project / "crlf.yaml").read_bytes() == crlf_fixed
    assert (project / "bom.yaml").read_bytes() == bom_fixed
    wide_fixed = utf16.replace(b'nvidia.com/gpu: "2"', b"nvidia.com/gpu: 2")
    assert (project / "utf16.yaml").read_bytes() == (
        codecs.BOM_UTF16_LE + wide_fixed.decode().encode("utf-16-le")
    )
    assert (project / "clean.yaml").read_bytes() == clean


def test_a_result_that_would_not_reparse_as_intended_is_not_written(project: Path) -> None:
    before = IT_HEAD + (
        b"spec:\n  resources:\n    limits:\n      cpu: &one 1\n      memory: 2Gi\n"
        b"    requests:\n      cpu: *one\n      memory: 2Gi\n"
    )
    write_project(project, {"it.yaml": before})
    run = check("--fix", "--format", "concise")
    assert (project / "it.yaml").read_bytes() == before
    assert run.stderr == (
        "amlarc-lint: it.yaml: not fixed (AML204): the fixed text would not parse as the same "
        "documents; file left untouched\n"
    )
    assert run.found == [
        ("it.yaml", 8, 12, "AML204", "warning"),
        ("it.yaml", 8, 12, "AML204", "warning"),
    ]


def test_writes_are_atomic_keep_the_mode_and_follow_symlinks(project: Path) -> None:
    before = IT_HEAD + (
        b"spec:\n  resources:\n    requests: {cpu: 1, memory: 2Gi}\n"
        b'    limits: {cpu: "1", memory: 2Gi}\n'
    )
    write_project(project, {"real/it.yaml": before})
    os.chmod(project / "real/it.yaml", 0o640)
    (project / "link.yaml").symlink_to("real/it.yaml")
    check("--fix", "link.yaml")
    assert (project / "link.yaml").is_symlink()
    assert (project / "real/it.yaml").read_bytes() == before.replace(b"cpu: 1", b'cpu: "1"')
    assert stat.S_IMODE((project / "real/it.yaml").stat().st_mode) == 0o640
    assert sorted(p.name for p in (project / "real").iterdir()) == ["it.yaml"]


def test_only_the_named_files_are_fixed(project: Path) -> None:
    broken = IT_HEAD + b"spec:\n  resources:\n    requests: {cpu: 1, memory: 2Gi}\n"
    write_project(project, {"a.yaml": broken, "b.yaml": broken.replace(b"name: t", b"name: u")})
    check("--fix", "a.yaml")
    assert (project / "b.yaml").read_bytes() == broken.replace(b"name: t", b"name: u")
    assert (project / "a.yaml").read_bytes() == broken.replace(b"cpu: 1", b'cpu: "1"')
