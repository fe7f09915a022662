"""What a commit gets, end to end in temporary git repositories: kubectl's YAML, and the
small defects of issue 10 (each through the CLI as pre-commit runs it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from tests.discovery.test_files import COMPUTE
from tests.support.cli_project import check, write_project
from tests.support.git_repo import git

GPU_T4 = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: gpu-t4
spec:
  nodeSelector:
    tier: {tier}
  resources:
    requests: {{cpu: "2", memory: "8Gi"}}
    limits: {{cpu: "4", memory: "16Gi", nvidia.com/gpu: 1}}
"""
JOB = """\
command: python train.py
compute: azureml:k8s-compute
resources:
  instance_type: {instance_type}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_project(
        tmp_path,
        {
            "clusters/gpu-t4.yaml": GPU_T4.format(tier='"y"'),
            "compute.yaml": COMPUTE,
            "jobs/train.yaml": JOB.format(instance_type="gpu-t4"),
        },
    )
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_kubectl_reads_y_as_a_boolean(repo: Path) -> None:
    write_project(repo, {"clusters/gpu-t4.yaml": GPU_T4.format(tier="y")})
    run = check("--format", "concise", "clusters/gpu-t4.yaml")
    assert run.found == [("clusters/gpu-t4.yaml", 7, 11, "AML601", "error")]
    assert 'write "y"' in run.stdout


def test_a_date_reaches_kubectl_as_a_string(repo: Path) -> None:
    write_project(repo, {"clusters/gpu-t4.yaml": GPU_T4.format(tier="2024-01-01")})
    assert check("--format", "concise", "clusters/gpu-t4.yaml").found == []


def test_select_on_the_command_line_is_named_as_such(repo: Path) -> None:
    write_project(repo, {"pyproject.toml": '[tool.amlarc-lint]\nignore = ["AML402"]\n'})
    run = check("--select", "AML9", "--ignore", "AML8", "jobs/train.yaml")
    assert run.stderr == (
        "amlarc-lint: warning: --select: 'AML9' matches no rule\n"
        "amlarc-lint: warning: --ignore: 'AML8' matches no rule\n"
    )


def test_a_named_python_file_is_never_read_as_yaml(repo: Path) -> None:
    write_project(repo, {
        "train.py": 'job = command(instance_type="gpu-t4", command="x: [")\n',
        "README.md": "Set `instance_type: gpu-t4` under `resources: [` in the job.\n",
    })
    run = check("--format", "concise", "train.py", "README.md")
    assert run.found == []
    assert "0 files checked" in run.stdout


def test_did_you_mean_ignores_letter_case(repo: Path) -> None:
    write_project(repo, {"jobs/train.yaml": JOB.format(instance_type="GPU-T4")})
    run = check("--format", "concise", "jobs/train.yaml")
    assert run.found == [("jobs/train.yaml", 4, 18, "AML401", "error")]
    assert 'did you mean "gpu-t4"?' in run.stdout


def test_an_empty_node_selector_is_dropped_by_kubernetes(repo: Path) -> None:
    text = GPU_T4.format(tier='"y"').replace('\n    tier: "y"', "")
    write_project(repo, {"clusters/gpu-t4.yaml": text})
    assert check("--format", "concise", "clusters/gpu-t4.yaml").found == []


def test_a_write_failure_names_the_path(repo: Path) -> None:
    (repo / "reports").mkdir()
    run = check("--format", "sarif=reports", "jobs/train.yaml")
    assert run.exit_code == 2
    assert run.stderr.startswith("amlarc-lint: error: cannot write reports: ")


def test_the_top_level_help_has_whole_lines() -> None:
    text = CliRunner().invoke(main, ["--help"]).output
    commands = text.split("Commands:\n", 1)[1]
    assert "..." not in commands and "(e.g.\n" not in commands
    assert "rule     Print a rule's documentation (by id or name)." in commands
    assert "context  Show what the linter knows of each cluster scope." in commands


# Point 4: globs mean what users think.
BAD_IT = GPU_T4.format(tier='"y"').replace('memory: "16Gi"', 'memory: "16GB"')  # AML201 at 10:32


def test_a_bare_folder_excludes_everything_under_it(repo: Path) -> None:
    write_project(repo, {
        "amlarc-lint.toml": 'exclude = ["charts"]\n',
        "charts/sub/it.yaml": BAD_IT,
        "charts.yaml": BAD_IT.replace("gpu-t4", "gpu-t8"),
    })
    run = check("--format", "concise", "charts/sub/it.yaml", "charts.yaml")
    assert run.found == [("charts.yaml", 10, 32, "AML201", "error")]
    assert check("--format", "concise").found == [("charts.yaml", 10, 32, "AML201", "error")]


def test_a_star_stays_in_one_folder_and_two_cross(repo: Path) -> None:
    write_project(repo, {
        "amlarc-lint.toml": '[per-file-ignores]\n"legacy/*.yaml" = ["AML201"]\n'
                            '"old/**/*.yaml" = ["AML201"]\n',
        "legacy/it.yaml": BAD_IT.replace("gpu-t4", "a"),
        "legacy/deep/it.yaml": BAD_IT.replace("gpu-t4", "b"),
        "old/it.yaml": BAD_IT.replace("gpu-t4", "c"),
        "old/x/y/it.yaml": BAD_IT.replace("gpu-t4", "d"),
    })
    run = check("--format", "concise", "legacy", "old")
    assert run.found == [("legacy/deep/it.yaml", 10, 32, "AML201", "error")]


def test_a_pattern_that_matches_no_file_is_a_warning(repo: Path) -> None:
    write_project(repo, {"amlarc-lint.toml": """\
        exclude = ["chart/"]
        [per-file-ignores]
        "legacy/*.yaml" = ["AML201"]
        [[clusters]]
        name = "prod"
        instance-types = ["cluster/**"]
        computes = ["k8s-compute"]
        """})
    run = check("--format", "concise", "jobs/train.yaml")
    assert run.stderr.splitlines() == [
        "amlarc-lint: warning: amlarc-lint.toml: 'exclude' pattern 'chart/' matches no file",
        "amlarc-lint: warning: amlarc-lint.toml: 'clusters 'prod' instance-types' pattern "
        "'cluster/**' matches no file",
        "amlarc-lint: warning: amlarc-lint.toml: 'per-file-ignores' pattern 'legacy/*.yaml' "
        "matches no file",
    ]
    # The mistyped glob leaves the cluster without instance types: the job's is unknown there.
    assert run.found == [("jobs/train.yaml", 4, 18, "AML401", "error")]


# Points 2 and 3: a config in a subfolder never shrinks the project; paths.
def test_a_nested_config_only_adds_its_own_settings(repo: Path) -> None:
    write_project(repo, {
        "jobs/amlarc-lint.toml": 'ignore = ["AML402"]\nknown-instance-types = ["gpu-t5"]\n',
        "jobs/train.yaml": JOB.format(instance_type="gpu-t5"),
        "jobs/other.yaml": JOB.format(instance_type="gpu-t4").replace("  instance_type: gpu-t4\n",
                                                                     "  instance_count: 1\n"),
    })
    run = check("--format", "concise", "jobs/train.yaml", "jobs/other.yaml")
    # The instance types of the whole checkout still count; the nested ignore applies.
    assert run.found == [("jobs/train.yaml", 4, 18, "AML401", "error")]
    assert run.stderr == (
        "amlarc-lint: warning: jobs/amlarc-lint.toml: 'known-instance-types' is a project-level "
        "key, read only from the config at the project root (none there); ignored here\n"
    )


def test_text_paths_are_relative_to_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(repo, {"jobs/train.yaml": JOB.format(instance_type="gpu-t5")})
    assert check("--format", "concise", "jobs/train.yaml").found == [
        ("jobs/train.yaml", 4, 18, "AML401", "error")
    ]
    check("--write-baseline", "baseline.json")  # written from the root, of the whole project
    monkeypatch.chdir(repo / "jobs")
    run = check("--format", "text", "train.yaml")
    assert run.stdout.startswith("train.yaml:4:18: AML401 ")
    assert "related: ../clusters/gpu-t4.yaml:4:9: " in run.stdout
    sarif = check("--format", "sarif", "train.yaml").stdout
    assert '"uri": "jobs/train.yaml"' in sarif and '"uri": "clusters/gpu-t4.yaml"' in sarif
    assert '"path": "jobs/train.yaml"' in check("--format", "json", "train.yaml").stdout
    # The baseline written from the root matches a run from a subfolder with explicit paths.
    hidden = check("--format", "concise", "--baseline", "../baseline.json", "train.yaml")
    assert (hidden.found, hidden.exit_code) == ([], 0)
    assert "1 baselined" in hidden.stdout


# Point 5: cluster config mistakes are errors, not silent choices.
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            '[[clusters]]\nname = "prod"\ncomputes = ["k8s"]\n'
            '[[clusters]]\nname = "dev"\ncomputes = ["k8s"]\n',
            "amlarc-lint.toml: compute 'k8s' is in clusters 'prod' and 'dev'; a compute runs on "
            "one cluster: keep it in one",
        ),
        (
            'kubernetes-computes = ["k8s-compute", "k8s-other"]\n'
            '[[clusters]]\nname = "prod"\ncomputes = ["k8s-compute"]\n',
            "amlarc-lint.toml: 'kubernetes-computes' names 'k8s-other', which no cluster lists; "
            "with clusters defined, its instance types would resolve in every cluster scope at "
            "once: add it to its cluster's 'computes'",
        ),
    ],
)
def test_a_cluster_config_mistake_is_an_error(repo: Path, config: str, message: str) -> None:
    write_project(repo, {"amlarc-lint.toml": config})
    run = check("--format", "concise", "jobs/train.yaml")
    assert (run.exit_code, run.stderr) == (2, f"amlarc-lint: error: {message}\n")


# Point 8: a typo on a compute the repository does not describe.
def test_a_typo_on_an_unknown_compute_is_a_warning(repo: Path) -> None:
    (repo / "compute.yaml").unlink()
    write_project(repo, {
        "jobs/train.yaml": JOB.format(instance_type="gpu-t5").replace("k8s-compute", "k8s"),
        "jobs/serverless.yaml": JOB.format(instance_type="Standard_NC4as_T4_v3"),
    })
    run = check("--format", "concise", "jobs/train.yaml", "jobs/serverless.yaml")
    assert (run.found, run.exit_code) == ([("jobs/train.yaml", 4, 18, "AML401", "warning")], 0)
    assert 'runs on compute "k8s", which the repository does not describe' in run.stdout
    assert 'did you mean "gpu-t4"?' in run.stdout
