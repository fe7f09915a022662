"""The Python front end: SDK calls in `.py` files and notebooks become the documents the YAML
rules check, with names resolved through imports, only static values, exact spans (in a
notebook: the cell for people, the `.ipynb` JSON for machines), suppression, baseline,
SARIF and `--fix`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.source.python_front import parse_python
from tests.support.cli_project import check, write_project
from tests.support.lint_helpers import lint_folder, render_expected
from tests.support.notebooks import notebook
from tests.support.sarif_checks import github_ingestion_problems, needs_sarif_schema, schema_errors

INSTANCE_TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata: {name: gpu-t4}
spec:
  nodeSelector: {accelerator: nvidia-t4}
  resources:
    requests: {cpu: "1", memory: 4Gi}
    limits: {cpu: "2", memory: 8Gi, nvidia.com/gpu: 1}
"""

DROPPED_KEYWORD = 'from azure.ai.ml import command\ncommand(command="x", instance_typ="g")\n'


def found(folder: Path, rule_id: str | None = None) -> list[tuple[str, int, int, str]]:
    return [
        (f.path, f.span.start_line, f.span.start_col, f.rule_id)
        for f in lint_folder(folder)
        if rule_id is None or f.rule_id == rule_id
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path, {"amlarc-lint.toml": 'kubernetes-computes = ["k8s"]\n',
                             "types.yaml": INSTANCE_TYPE})
    return tmp_path


def test_names_resolve_through_every_kind_of_import(project: Path) -> None:
    write_project(project, {"jobs.py": """\
        import azure.ai.ml
        import azure.ai.ml.entities as e
        from azure.ai import ml
        from azure.ai.ml import command as make_job
        from azure.ai.ml.entities import JobResourceConfiguration as Res

        a = make_job(command="x", compute="k8s", instance_type="gpu-t5")
        b = azure.ai.ml.command(command="x", compute="k8s", instance_type="gpu-t6")
        c = ml.command(command="x", compute="k8s", instance_type="gpu-t7")
        d = e.CommandJob(command="x", compute="k8s", resources=Res(instance_type="gpu-t8"))
        f = e.CommandJob(command="x", compute="k8s", resources={"instance_type": "gpu-t9"})
        """})
    assert found(project, "AML401") == [
        ("jobs.py", 7, 56, "AML401"),
        ("jobs.py", 8, 67, "AML401"),
        ("jobs.py", 9, 58, "AML401"),
        ("jobs.py", 10, 74, "AML401"),
        ("jobs.py", 11, 74, "AML401"),
    ]


def test_only_static_values_count(project: Path) -> None:
    write_project(project, {"jobs.py": """\
        import os
        from azure.ai.ml import command

        ONCE = "gpu-once"
        TWICE = "gpu-x"
        TWICE = "gpu-y"
        FROM_ENV = os.environ["TYPE"]


        def submit(size, **kwargs):
            local = "gpu-local"
            command(command="x", compute="k8s", instance_type=size)
            command(command="x", compute="k8s", instance_type=f"gpu-{size}")
            command(command="x", compute="k8s", instance_type=TWICE)
            command(command="x", compute="k8s", instance_type=FROM_ENV)
            command(command="x", compute="k8s", instance_type=kwargs["t"])
            command(command="x", compute="k8s", **kwargs)
            command(command="x", compute="k8s", instance_type=local)
            command(command="x", compute="k8s", instance_type=ONCE)
            for each in ("a", "b"):
                loop = "gpu-loop"
                command(command="x", compute="k8s", instance_type=loop)
        """})
    assert found(project, "AML401") == [
        ("jobs.py", 18, 55, "AML401"),
        ("jobs.py", 19, 55, "AML401"),
    ]
    assert found(project, "AML402") == []  # `**kwargs` may set it: no default fallback either


def test_vm_sizes_and_other_computes_are_never_instance_types(project: Path) -> None:
    write_project(project, {"jobs.py": """\
        from azure.ai.ml import command
        from azure.ai.ml.entities import KubernetesOnlineDeployment, ManagedOnlineDeployment

        command(command="x", compute="k8s", instance_type="Standard_NC6s_v3")
        command(command="x", compute="cpu-cluster", instance_type="big")
        command(command="x", instance_type="Standard_DS3_v2")
        KubernetesOnlineDeployment(name="b", endpoint_name="e", instance_type="STANDARD_DS2_V2")
        ManagedOnlineDeployment(name="g", endpoint_name="m", instance_type="Standard_DS3_v2")
        """})
    assert found(project) == []


def test_a_job_changed_after_it_is_made(project: Path) -> None:
    write_project(project, {"jobs.py": """\
        from azure.ai.ml import command

        job = command(command="x")
        job.compute = "k8s"
        job.set_resources(instance_type="gpu-t5")
        other = command(command="x")
        other.compute = "k8s"
        """})
    assert found(project) == [("jobs.py", 5, 33, "AML401"), ("jobs.py", 7, 17, "AML402")]


def test_pipelines_take_their_default_compute(project: Path) -> None:
    write_project(project, {"pipe.py": """\
        from azure.ai.ml import dsl, load_component

        train = load_component(source="train.yaml")


        @dsl.pipeline(default_compute="k8s")
        def flow():
            step = train()
            step.resources = {"instance_type": "gpu-t5"}
            plain = train()


        @dsl.pipeline()
        def later():
            node = train()
            node.compute = "elsewhere"


        job = flow()
        other = later()
        other.settings.default_compute = "k8s"
        """})
    assert found(project) == [("pipe.py", 9, 40, "AML401")]


def test_python_and_yaml_share_one_project(project: Path) -> None:
    write_project(project, {
        "endpoint.py": """\
            from azure.ai.ml.entities import KubernetesCompute, KubernetesOnlineEndpoint

            KubernetesCompute(name="py-k8s")
            KubernetesOnlineEndpoint(name="churn", compute="py-k8s")
            """,
        "job.yaml": """\
            command: python train.py
            environment: azureml:sklearn:1
            compute: azureml:py-k8s
            resources: {instance_type: gpu-t5}
            """,
        "deployment.yaml": """\
            name: blue
            type: kubernetes
            endpoint_name: churn
            model: azureml:churn:1
            code_configuration: {code: ., scoring_script: score.py}
            instance_type: gpu-t6
            """,
    })
    assert found(project, "AML401") == [("deployment.yaml", 6, 16, "AML401"),
                                        ("job.yaml", 4, 28, "AML401")]


def test_files_without_the_sdk_are_not_parsed(project: Path) -> None:
    write_project(project, {
        "broken.py": "def (:\n",
        "yaml_like.py": 'instance_type: "azure.ai.ml"\nnot: [closed\n',
        "empty.ipynb": "",
    })
    run = lint_folder(project)
    assert [(f.path, f.rule_id) for f in run] == [("yaml_like.py", "AML510")]


def test_a_notebook_finding_shows_its_cell_and_points_into_the_json(project: Path) -> None:
    write_project(project, {"nb.ipynb": notebook(
        ["%pip install azure-ai-ml\n", "from azure.ai.ml import command"],
        ["!ls\n", 'note = "a \\"quoted\\" word"\n',
         'job = command(command="echo \\"hi\\"", compute="k8s", instance_type="gpu-t5")'],
        markdown_first=True,
    )})
    [finding] = lint_folder(project)
    assert render_expected([finding]) == (
        "nb.ipynb:28:80-28:90 (cell 3:3:67-3:75): AML401 instance type \"gpu-t5\" is not "
        "defined in this repository; did you mean \"gpu-t4\"?\n"
        "  related types.yaml:3:18-3:24: instance type \"gpu-t4\" is defined here\n"
    )
    raw = (project / "nb.ipynb").read_text(encoding="utf-8").split("\n")[27]
    assert raw[79:89] == '\\"gpu-t5\\"'  # the JSON text of the value, escapes included
    text = check("--format", "text", str(project / "nb.ipynb"))
    assert "nb.ipynb:cell 3:3:67: AML401" in text.stdout
    assert '3 | job = command(command="echo \\"hi\\"", compute="k8s", instance_type="gpu-t5")' \
        in text.stdout
    github = check("--format", "github", str(project / "nb.ipynb"))
    assert "file=nb.ipynb,line=28,endLine=28,col=80,endColumn=90" in github.stdout


def test_notebook_cells_parse_one_by_one(tmp_path: Path) -> None:
    text = notebook(["from azure.ai.ml import command\n", "x = ("],
                    ["%%bash\n", "echo $((1+1))"],
                    ['job = command(command="x", instance_typ="a")'])
    source, tree, problems = parse_python("nb.ipynb", text)
    assert source is not None and tree is not None
    assert [message for _, message in problems] == [
        "cell 1: '(' was never closed"
    ]
    assert len(tree.body) == 1  # the third cell; the first is broken, the second is bash


def test_a_notebook_without_cells_or_json_is_a_finding(tmp_path: Path) -> None:
    write_project(tmp_path, {"amlarc-lint.toml": "",
                             "a.ipynb": '{"azure.ai.ml": [1, 2',
                             "b.ipynb": '{"cells": "azure.ai.ml"}'})
    assert [(f.path, f.rule_id, f.message) for f in lint_folder(tmp_path)] == [
        ("a.ipynb", "AML510", "this file does not parse as Python (not a valid notebook: "
         "Expecting ',' delimiter: line 1 column 22 (char 21)); it is not checked"),
        ("b.ipynb", "AML510", "this file does not parse as Python (not a notebook: no `cells` "
         "list); it is not checked"),
    ]


def test_hostile_python_is_a_finding_never_a_traceback(tmp_path: Path) -> None:
    write_project(tmp_path, {
        "amlarc-lint.toml": "",
        "deep.py": "import azure.ai.ml\nx = " + "(" * 5000 + ")" * 5000 + "\n",
        "nul.py": b"import azure.ai.ml\x00\n",
        "latin.py": b"# -*- coding: latin-1 -*-\nimport azure.ai.ml\nname = '\xe9'\n",
        "bad_coding.py": b"# -*- coding: no-such -*-\nimport azure.ai.ml\n",
        "utf8.py": "import azure.ai.ml\nname = '\xe9\xe9'\n".encode("latin-1"),
        "deep.ipynb": '{"cells": [' * 3000 + '"azure.ai.ml"' + "]}" * 3000,
    })
    results = {f.path: f.rule_id for f in lint_folder(tmp_path)}
    assert results == {
        "bad_coding.py": "AML005",
        "deep.ipynb": "AML510",
        "deep.py": "AML510",
        "nul.py": "AML510",
        "utf8.py": "AML005",
    }


def test_python_comments_suppress(project: Path) -> None:
    write_project(project, {
        "job.py": """\
            from azure.ai.ml import command

            a = command(command="x", instance_typ="g")  # amlarc-lint: ignore[AML502]
            # amlarc-lint: ignore[AML502]
            b = command(command="x", instance_typ="g")
            c = command(command="# amlarc-lint: ignore[AML502]", instance_typ="g")
            """,
        "nb.ipynb": notebook(["from azure.ai.ml import command\n",
                              "# amlarc-lint: ignore[AML502]\n",
                              'a = command(command="x", instance_typ="g")\n',
                              'b = command(command="x", instance_typ="g")']),
    })
    assert found(project) == [("job.py", 6, 54, "AML502"), ("nb.ipynb", 12, 33, "AML502")]


def test_baseline_and_sarif_carry_python_findings(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    write_project(project, {
        "job.py": 'from azure.ai.ml import command\ncommand(command="x", instance_typ="g")\n',
        "nb.ipynb": notebook(["from azure.ai.ml.entities import ResourceSettings\n",
                              'ResourceSettings(cpu="1", nvidia_gpu="1")']),
    })
    log = json.loads(check("--format", "sarif").stdout)
    assert github_ingestion_problems(log) == []
    regions = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]:
        r["locations"][0]["physicalLocation"]["region"]
        for r in log["runs"][0]["results"]
    }
    assert regions["nb.ipynb"]["startLine"] == 10  # the JSON line of the cell line
    assert check("--write-baseline", "baseline.json").exit_code == 0
    path = project / "job.py"
    path.write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert check("--baseline", "baseline.json").found == []


def test_per_file_ignores_apply_to_python(project: Path) -> None:
    write_project(project, {
        "amlarc-lint.toml": '[per-file-ignores]\n"legacy/*.py" = ["AML502"]\n',
        "legacy/job.py": DROPPED_KEYWORD,
        "job.py": DROPPED_KEYWORD,
    })
    assert found(project) == [("job.py", 2, 22, "AML502")]


def test_fix_renames_the_keyword_and_the_module_in_code_and_notebooks(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    write_project(project, {
        "deploy.py": """\
            from azure.ai.ml import KubernetesOnlineDeployment, ResourceSettings
            limits = ResourceSettings(cpu=1, memory="2Gi", nvidia_gpu="1")
            KubernetesOnlineDeployment(name="b", resources={"limits": limits})
            """,
        "nb.ipynb": notebook(["from azure.ai.ml.entities import ResourceSettings\n",
                              'limits = ResourceSettings(cpu="1", memory="2Gi", nvidia_gpu="1")']),
    })
    before = (project / "nb.ipynb").read_text(encoding="utf-8")
    run = check("--fix")
    assert run.stderr == "amlarc-lint: fixed 5 findings in 2 files\n"
    assert (project / "deploy.py").read_text(encoding="utf-8") == (
        "from azure.ai.ml.entities import KubernetesOnlineDeployment, ResourceSettings\n"
        'limits = ResourceSettings(cpu="1", memory="2Gi", gpu="1")\n'
        'KubernetesOnlineDeployment(name="b", resources={"limits": limits})\n'
    )
    assert (project / "nb.ipynb").read_text(encoding="utf-8") == before.replace(
        "nvidia_gpu=", "gpu="
    )


@needs_sarif_schema
def test_sarif_of_python_findings_validates(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    write_project(project, {
        "job.py": 'from azure.ai.ml import command\ncommand(command="x", instance_typ="g")\n',
        "nb.ipynb": notebook(['from azure.ai.ml import KubernetesOnlineDeployment']),
    })
    assert schema_errors(json.loads(check("--format", "sarif").stdout)) == []


def test_sdk_classes_by_identity_not_by_name(project: Path) -> None:
    """The REST models of a private module share the SDK's class names: not the SDK's. A class
    used without any import (a docs snippet) is the SDK's. `command()` hands `resources=` on
    to the job it makes."""
    write_project(project, {"code.py": """\
        from azure.ai.ml import command
        from azure.ai.ml._restclient.v2023_04_01_preview.models import CommandJob as RestJob
        from azure.ai.ml.entities import JobResourceConfiguration

        RestJob(code_id="x", compute_id="k8s")
        limits = ResourceSettings(cpu="1", nvidia_gpu="1")
        job = command(command="x", compute="k8s", resources=JobResourceConfiguration(
            instance_type="gpu-t5"))
        """})
    assert found(project) == [("code.py", 6, 36, "AML501"), ("code.py", 8, 19, "AML401")]


def test_objects_changed_after_they_are_made_anywhere_that_sees_them(project: Path) -> None:
    write_project(project, {"code.py": """\
        from azure.ai.ml import command
        from azure.ai.ml.entities import KubernetesOnlineDeployment

        blue = KubernetesOnlineDeployment(name="blue", endpoint_name="e")
        blue.instance_type = "gpu-t5"
        green = KubernetesOnlineDeployment(name="green", endpoint_name="e")
        job = command(command="x")


        def configure(size):
            green.instance_type = size
            job.compute = "k8s"
            job.resources.instance_type = "gpu-t6"
        """})
    assert found(project) == [("code.py", 5, 22, "AML401"), ("code.py", 13, 35, "AML401")]


def test_ipython_lines_are_not_python() -> None:
    """Shell escapes continued over lines, automagic (`pip install x`), and a cell that is
    still broken when they are taken out."""
    text = notebook(["from azure.ai.ml import command\n", "pip install azure-ai-ml\n",
                     "cd data\n", "x = 1"],
                    ["!python tool.py \\\n", "  --flag value \\\n", "  --other\n", "y = 2"],
                    ["pip install x\n", "z = (\n"])
    _, tree, problems = parse_python("nb.ipynb", text)
    assert tree is not None and len(tree.body) == 3
    assert [message for _, message in problems] == ["cell 3: '(' was never closed"]
