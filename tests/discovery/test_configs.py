"""Configuration through the CLI: every key of the README's Configuration section, where
configs are found, `--config`, `--isolated`, command-line overrides and one-line errors for
bad keys and values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli_project import INSTANCE_TYPE, check, write_project

QUOTING = ("it.yaml", 9, 21, "AML204", "warning")
TWO_GB = ("it.yaml", 10, 32, "AML201", "error")
SELECTOR = ("it.yaml", 7, 11, "AML603", "error")  # with extension-node-selector pool = "ml"
JOB_ON_K8S = """\
command: python train.py
compute: azureml:k8s
resources:
  instance_type: gpu-a100
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_project(tmp_path, {"it.yaml": INSTANCE_TYPE.format(name="small")})


def _configure(project: Path, text: str, name: str = "amlarc-lint.toml") -> None:
    write_project(project, {name: text})


def _found_with(
    project: Path, config: str, name: str = "amlarc-lint.toml"
) -> list[tuple[str, int, int, str, str]]:
    _configure(project, config, name)
    return check("--format", "concise").found


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("amlarc-lint.toml", 'ignore = ["AML204"]\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.amlarc-lint]\nignore = ["AML204"]\n'),
    ],
)
def test_config_is_read_from_either_file(project: Path, name: str, text: str) -> None:
    assert _found_with(project, text, name) == [TWO_GB]


def test_without_config_every_rule_runs(project: Path) -> None:
    run = check("--format", "concise")
    assert (run.exit_code, run.found) == (1, [QUOTING, TWO_GB])


def test_include_limits_what_a_walk_considers(project: Path) -> None:
    _configure(project, 'include = ["**/*.yml"]\n')
    write_project(project, {"other.yml": INSTANCE_TYPE.format(name="other")})
    assert [f[0] for f in check("--format", "concise").found] == ["other.yml", "other.yml"]


def test_exclude_applies_to_explicit_paths_too(project: Path) -> None:
    _configure(project, 'exclude = ["legacy/**"]\n')
    write_project(project, {"legacy/old.yaml": INSTANCE_TYPE.format(name="old")})
    run = check("--format", "concise", "legacy/old.yaml", "it.yaml")
    assert run.found == [QUOTING, TWO_GB]


def test_select_takes_id_prefixes(project: Path) -> None:
    selector = 'extension-node-selector = { pool = "ml" }\n'
    assert _found_with(project, 'select = ["AML20"]\n' + selector) == [QUOTING, TWO_GB]
    assert _found_with(project, 'select = ["AML6"]\n' + selector) == [SELECTOR]


def test_ignore_takes_id_prefixes(project: Path) -> None:
    _configure(project, 'ignore = ["AML20"]\n')
    run = check("--format", "concise")
    assert (run.exit_code, run.found) == (0, [])


def test_per_file_ignores_match_globs(project: Path) -> None:
    _configure(project, '[per-file-ignores]\n"legacy/*.yaml" = ["AML201"]\n')
    write_project(project, {"legacy/old.yaml": INSTANCE_TYPE.format(name="old")})
    assert check("--format", "concise").found == [
        ("it.yaml", 9, 21, "AML204", "warning"),
        ("it.yaml", 10, 32, "AML201", "error"),
        ("legacy/old.yaml", 9, 21, "AML204", "warning"),
    ]


def test_severity_overrides_the_default(project: Path) -> None:
    _configure(project, 'select = ["AML204"]\n')
    assert check("--format", "concise").exit_code == 0
    _configure(project, 'select = ["AML204"]\n\n[severity]\nAML204 = "error"\n')
    run = check("--format", "concise")
    assert (run.exit_code, run.found) == (1, [("it.yaml", 9, 21, "AML204", "error")])


def test_kubernetes_computes_and_known_instance_types(project: Path) -> None:
    write_project(project, {"job.yaml": JOB_ON_K8S})
    only = 'select = ["AML401"]\n'
    computes = 'kubernetes-computes = ["k8s"]\n'
    known = 'known-instance-types = ["gpu-a100"]\n'
    assert _found_with(project, only) == []  # k8s is not known to be a Kubernetes compute
    assert _found_with(project, only + computes) == [("job.yaml", 4, 18, "AML401", "error")]
    assert _found_with(project, only + computes + known) == []


def test_extension_node_selector(project: Path) -> None:
    only = 'select = ["AML603"]\n'
    assert _found_with(project, only) == []
    assert _found_with(project, only + 'extension-node-selector = { pool = "ml" }\n') == [SELECTOR]


def test_clusters_make_names_unique_per_cluster(project: Path) -> None:
    write_project(project, {"prod/types.yaml": INSTANCE_TYPE.format(name="small")})
    only = 'select = ["AML105"]\n'
    cluster = '[[clusters]]\nname = "prod"\ninstance-types = ["prod/**"]\n'
    assert _found_with(project, only) == [("prod/types.yaml", 4, 9, "AML105", "error")]
    assert _found_with(project, only + cluster) == []


def test_the_nearest_config_wins_for_per_file_keys(project: Path) -> None:
    _configure(project, 'ignore = ["AML201"]\n')
    write_project(
        project,
        {
            "team/it.yaml": INSTANCE_TYPE.format(name="team"),
            # Sets only severity: `ignore` is inherited from the project's config.
            "team/amlarc-lint.toml": '[severity]\nAML204 = "info"\n',
            "strict/it.yaml": INSTANCE_TYPE.format(name="strict"),
            "strict/pyproject.toml": "[tool.amlarc-lint]\nignore = []\n",
            "strict/deeper/it.yaml": INSTANCE_TYPE.format(name="deeper"),
            # Globs of a nested config are relative to its own folder.
            "strict/deeper/amlarc-lint.toml": '[per-file-ignores]\n"*.yaml" = ["AML204"]\n',
        },
    )
    assert check("--format", "concise").found == [
        ("it.yaml", 9, 21, "AML204", "warning"),
        ("strict/deeper/it.yaml", 10, 32, "AML201", "error"),
        ("strict/it.yaml", 9, 21, "AML204", "warning"),
        ("strict/it.yaml", 10, 32, "AML201", "error"),
        ("team/it.yaml", 9, 21, "AML204", "info"),
    ]


def test_a_nested_config_cannot_set_project_keys(project: Path) -> None:
    write_project(
        project,
        {
            "amlarc-lint.toml": 'select = ["AML603"]\n',
            "team/amlarc-lint.toml": 'extension-node-selector = { pool = "ml" }\n',
            "team/it.yaml": INSTANCE_TYPE.format(name="team"),
        },
    )
    run = check("--format", "concise")
    assert run.found == []
    assert run.stderr == (
        "amlarc-lint: warning: team/amlarc-lint.toml: 'extension-node-selector' is a "
        "project-level key, read only from the config at the project root "
        "(amlarc-lint.toml); ignored here\n"
    )


def test_paths_in_several_folders_share_the_project_config(project: Path) -> None:
    _configure(project, 'select = ["AML201"]\n')
    write_project(
        project,
        {
            "a/it.yaml": INSTANCE_TYPE.format(name="a"),
            "a/amlarc-lint.toml": 'select = ["AML204"]\n',
            "b/it.yaml": INSTANCE_TYPE.format(name="b"),
        },
    )
    assert check("--format", "concise", "a/it.yaml", "b/it.yaml").found == [
        ("a/it.yaml", 9, 21, "AML204", "warning"),
        ("b/it.yaml", 10, 32, "AML201", "error"),
    ]


def test_a_config_in_a_subfolder_never_shrinks_the_project(project: Path) -> None:
    """The root stays the project's folder: the nested config only adds its own keys."""
    _configure(project, 'select = ["AML201"]\n')
    write_project(
        project,
        {"team/it.yaml": INSTANCE_TYPE.format(name="t"), "team/amlarc-lint.toml": ""},
    )
    assert check("--format", "concise", "team").found == [
        ("team/it.yaml", 10, 32, "AML201", "error"),
    ]


def test_config_option_names_the_file(project: Path) -> None:
    _configure(project, 'ignore = ["AML201"]\n')
    write_project(
        project,
        {
            "ci/strict.toml": (
                '[severity]\nAML204 = "error"\n[per-file-ignores]\n"../legacy/*" = ["AML2"]\n'
            ),
            "legacy/old.yaml": INSTANCE_TYPE.format(name="old"),
            "team/amlarc-lint.toml": 'select = ["AML6"]\n',  # nested configs are off
            "team/it.yaml": INSTANCE_TYPE.format(name="team"),
        },
    )
    run = check("--format", "concise", "--config", "ci/strict.toml")
    assert run.found == [
        ("it.yaml", 9, 21, "AML204", "error"),
        ("it.yaml", 10, 32, "AML201", "error"),
        ("team/it.yaml", 9, 21, "AML204", "error"),
        ("team/it.yaml", 10, 32, "AML201", "error"),
    ]


def test_isolated_ignores_every_config(project: Path) -> None:
    _configure(project, "this is not TOML\n")
    assert check("--format", "concise", "--isolated").found == [QUOTING, TWO_GB]


def test_command_line_overrides_the_file(project: Path) -> None:
    _configure(project, 'select = ["AML2"]\nextension-node-selector = { pool = "ml" }\n')
    assert check("--format", "concise", "--select", "AML6").found == [SELECTOR]
    assert check("--format", "concise", "--ignore", "aml201").found == [QUOTING]


def test_unknown_rule_ids_are_a_warning(project: Path) -> None:
    _configure(project, 'ignore = ["AML9"]\n\n[severity]\nAML999 = "info"\n')
    run = check("--format", "concise")
    assert run.found == [QUOTING, TWO_GB]
    assert run.stderr == (
        "amlarc-lint: warning: amlarc-lint.toml: 'ignore' names 'AML9', which matches no rule\n"
        "amlarc-lint: warning: amlarc-lint.toml: 'severity' names 'AML999', which matches no rule\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'selekt = ["AML2"]\n',
            "unknown key 'selekt'; allowed keys: baseline, clusters, exclude, "
            "extension-node-selector, extension-settings, ignore, include, known-instance-types, "
            "kubernetes-computes, node-pools, nodes, per-file-ignores, select, severity",
        ),
        (
            'select = ["E501"]\n',
            """bad value for 'select[0]': "E501"; allowed: a rule id (AML302) or a prefix of """
            "one: AML (all rules), AML2 (a group)",
        ),
        (
            'ignore = "AML2"\n',
            """bad value for 'ignore': "AML2" is not a list; allowed: a list of rule id """
            """prefixes never reported, e.g. ["AML402"]""",
        ),
        (
            '[severity]\nAML204 = "fatal"\n',
            """bad value for 'severity.AML204': "fatal"; allowed: "error", "warning", "info\"""",
        ),
        (
            '[severity]\nAML2 = "error"\n',
            """bad key in 'severity': "AML2"; allowed: a full rule id such as AML204""",
        ),
        (
            '[per-file-ignores]\n"legacy/*" = "AML2"\n',
            """bad value for 'per-file-ignores."legacy/*"': "AML2" is not a list; allowed: a """
            """table of glob = [rule id prefixes] ignored in the files the glob matches, e.g. """
            """"legacy/*.yaml" = ["AML302"]""",
        ),
        (
            "[[clusters]]\ncomputes = []\n",
            "'clusters[0]' lacks the required key 'name'",
        ),
        (
            '[[clusters]]\nname = "prod"\ninstance_types = []\n',
            "unknown key 'clusters[0].instance_types'; "
            "allowed keys: computes, extension-settings, instance-types, name, node-pools, nodes",
        ),
        (
            "extension-node-selector = { pool = 1 }\n",
            "bad value for 'extension-node-selector.pool': 1 is not a string; allowed: a table of "
            'label = "value": the nodeSelector the Azure ML extension was installed with; every '
            "instance type's selector should be a subset of it",
        ),
        ("select = [AML2]\n", "invalid TOML: Invalid value (at line 1, column 11)"),
    ],
)
def test_a_bad_config_is_one_line_and_exit_2(project: Path, text: str, message: str) -> None:
    _configure(project, text)
    run = check("--format", "concise")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == f"amlarc-lint: error: amlarc-lint.toml: {message}\n"


def test_a_bad_nested_config_names_its_file(project: Path) -> None:
    write_project(project, {"team/pyproject.toml": "[tool.amlarc-lint]\nselect = 3\n"})
    run = check("--format", "concise")
    assert run.exit_code == 2
    assert run.stderr.startswith(
        "amlarc-lint: error: team/pyproject.toml: bad value for 'select': 3 is not a list;"
    )


def test_a_bad_select_option_is_exit_2(project: Path) -> None:
    run = check("--select", "AML2,F401")
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        "amlarc-lint: error: --select: 'F401' is not a rule id or id prefix; "
        "allowed: AML (all rules), AML2 (a group), AML302 (one rule)\n"
    )


def test_paths_outside_any_project_are_the_whole_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check /x/a /y/b` from elsewhere, with no git checkout or config: their common folder is
    not walked (it may be `/`) and gets no cache; only the named paths are linted."""
    outside = tmp_path / "outside"
    write_project(
        outside,
        {
            "one/it.yaml": INSTANCE_TYPE.format(name="BAD_ONE"),
            "two/it.yaml": INSTANCE_TYPE.format(name="BAD_TWO"),
            "unnamed/it.yaml": INSTANCE_TYPE.format(name="NOT_NAMED"),
        },
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    run = check("--format", "concise", "--select", "AML104", str(outside / "one"),
                str(outside / "two"))
    assert [line.split(": ")[0] for line in run.stdout.splitlines()[:-1]] == [
        f"{outside.as_posix()}/one/it.yaml:4:9",
        f"{outside.as_posix()}/two/it.yaml:4:9",
    ]
    assert not (outside / ".amlarc-lint-cache").exists()
