"""The facts cache (`.amlarc-lint-cache/`): same output with and without it, files whose stamp
is unchanged are not read, only the users of a changed instance type are re-checked, and a
damaged, foreign or unwritable cache is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from linter.cli.app import main
from linter.discovery import git_listing
from linter.discovery.configs import load_settings
from linter.discovery.file_stats import FileStamp
from linter.engine import file_scan
from linter.engine.facts_cache import CACHE_DIR, CACHE_FILE, DELTA_PREFIX, FactsCache, sealed
from linter.engine.file_scan import FileScan
from linter.project.context import ProjectContext

RESOURCES = """\
resources:
  requests:
    cpu: "500m"
    memory: "1Gi"
  limits:
    cpu: "1"
    memory: "1Gi"
"""
TYPES = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: small
spec:
""" + textwrap.indent(RESOURCES, "  ")
DEPLOYMENT = """\
$schema: https://azuremlschemas.azureedge.net/latest/kubernetesOnlineDeployment.schema.json
name: {name}
type: kubernetes
endpoint_name: {name}-endpoint
model: azureml:model:1
code_configuration:
  code: ./src
  scoring_script: score.py
instance_type: {instance_type}
""" + RESOURCES
JOB = """\
$schema: https://azuremlschemas.azureedge.net/latest/commandJob.schema.json
type: command
command: python train.py
environment: azureml:env:1
compute: azureml:k8s
resources:
  instance_type: small
"""
LONG_AGO = 1_000_000_000  # seconds since the epoch: a stamp old enough to be trusted


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    files = {
        "types.yaml": TYPES,
        "deploy/uses-small.yaml": DEPLOYMENT.format(name="blue", instance_type="small"),
        "deploy/uses-large.yaml": DEPLOYMENT.format(name="green", instance_type="large"),
        "jobs/train.yml": JOB,
        "charts/values.yaml": "replicaCount: 2\nimage: {repository: x}\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    age_all(tmp_path)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def age_all(root: Path) -> None:
    for path in root.rglob("*.y*ml"):
        os.utime(path, (LONG_AGO, LONG_AGO))


def lint(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 1)
    return result.stdout


def lower_the_cpu_limit(project: Path) -> None:
    types = project / "types.yaml"
    types.write_text(TYPES.replace('cpu: "1"', 'cpu: "500m"'), encoding="utf-8")
    os.utime(types, (LONG_AGO + 60, LONG_AGO + 60))


def remove_cache(project: Path) -> None:
    for path in sorted((project / CACHE_DIR).glob("*"), reverse=True):
        path.unlink()


@pytest.mark.parametrize("output_format", ["text", "json"])
@pytest.mark.parametrize(
    "paths",
    [("types.yaml",), ("deploy/uses-small.yaml",), ("jobs/train.yml", "deploy"), (".",)],
    ids=["instance-type", "deployment", "job-and-folder", "whole-project"],
)
def test_output_is_byte_identical_with_and_without_the_cache(
    project: Path, paths: tuple[str, ...], output_format: str
) -> None:
    args = ("--format", output_format, *paths)
    without = lint("--no-cache", *args)
    assert lint(*args) == without  # cold: builds the cache
    assert lint(*args) == without  # warm
    lint(".")  # a whole-project run rewrites it
    assert lint(*args) == without
    lower_the_cpu_limit(project)
    changed = lint("--no-cache", *args)
    assert lint(*args) == changed
    remove_cache(project)
    assert lint(*args) == changed


def test_a_staged_instance_type_reports_the_deployment_it_breaks(project: Path) -> None:
    lint(".")
    lower_the_cpu_limit(project)
    assert lint("--format", "concise", "types.yaml").splitlines()[0] == (
        'deploy/uses-small.yaml:15:10: error: AML403 limits.cpu "1" is more than instance type '
        '"small" allows (limits.cpu 500m); ask for at most that, or choose a larger instance type'
    )


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Which files a run reads (pass 1 and pass 2)."""
    counted: Counter[str] = Counter()
    real_read = file_scan.read_file

    def counting_read(path: Path) -> object:
        counted[Path(path).name] += 1
        return real_read(path)

    monkeypatch.setattr(file_scan, "read_file", counting_read)
    return counted


def test_files_with_an_unchanged_stamp_are_not_read(project: Path, reads: Counter[str]) -> None:
    lint(".")
    assert set(reads) == {"types.yaml", "uses-small.yaml", "uses-large.yaml", "train.yml",
                          "values.yaml"}
    reads.clear()
    lint("jobs/train.yml")
    assert dict(reads) == {"train.yml": 1}  # the target only, once: pass 1 hands pass 2 its bytes


def test_the_stamps_the_early_listing_took_stand_for_the_files_own(
    project: Path, reads: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lint(".")
    reads.clear()
    taken: dict[str, FileStamp | None] = {
        path: (info.st_size, info.st_mtime_ns, info.st_dev, info.st_ino)
        for path in ("types.yaml", "deploy/uses-small.yaml", "charts/values.yaml")
        for info in [os.stat(project / path)]
    }
    taken["types.yaml"] = None  # gone when the listing looked: a miss, read now
    monkeypatch.setattr(git_listing, "stamps", lambda directory: dict(taken))
    lint("jobs/train.yml")
    # The files it took no stamp of are stat-ed here, as without it.
    assert dict(reads) == {"train.yml": 1, "types.yaml": 1}


def test_a_workload_file_over_the_kept_size_is_read_again_with_the_same_findings(
    project: Path, reads: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = lint(".", "--format", "concise")
    assert 'error: AML401 instance type "large"' in kept
    monkeypatch.setattr(file_scan, "KEEP_BYTES_MAX", 10)
    reads.clear()
    assert lint(".", "--format", "concise") == kept
    assert reads["train.yml"] == reads["uses-small.yaml"] == 2


def test_a_touched_file_is_read_but_not_parsed_again(
    project: Path, reads: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lint(".")
    os.utime(project / "types.yaml", (LONG_AGO + 60, LONG_AGO + 60))  # same bytes
    parsed: list[str] = []
    real_check = file_scan.check_yaml_file

    def counting_check(path: str, *args: object, **kwargs: object) -> object:
        parsed.append(path)
        return real_check(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(file_scan, "check_yaml_file", counting_check)
    reads.clear()
    lint("jobs/train.yml")
    assert dict(reads) == {"types.yaml": 1, "train.yml": 1}
    assert parsed == ["jobs/train.yml"]  # one parse per file: pass 2 (a job defines nothing)


def test_only_the_users_of_a_changed_instance_type_are_checked_again(
    project: Path, reads: Counter[str]
) -> None:
    lint(".")
    lower_the_cpu_limit(project)
    reads.clear()
    lint("types.yaml")
    # uses-large.yaml names another instance type: its cached references say it cannot
    # be affected; the job and uses-small.yaml use "small".
    assert dict(reads) == {"types.yaml": 1, "uses-small.yaml": 1, "train.yml": 1}


def read_cache(project: Path) -> tuple[dict[str, Any], bytes]:
    """The cache file's header and blob (after its checksum line)."""
    body = (project / CACHE_DIR / CACHE_FILE).read_bytes().partition(b"\n")[2]
    head, _, blob = body.partition(b"\n")
    return json.loads(head), blob


def write_cache(project: Path, header: dict[str, Any], blob: bytes) -> None:
    """A forged cache: with its checksum right, so that only the shape checks can catch it."""
    body = [json.dumps(header).encode(), b"\n", blob]
    (project / CACHE_DIR / CACHE_FILE).write_bytes(b"".join(sealed(body)))


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"key": "another version", "paths": []}\n',
        b'{"key": 1}',
        b"[1, 2, 3]",
        "\u00e9".encode("latin-1"),
    ],
    ids=["empty", "truncated", "other-version", "no-columns", "not-an-object", "not-utf8"],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(project: Path, damage: bytes) -> None:
    expected = lint("--no-cache", "types.yaml")
    lint(".")
    (project / CACHE_DIR / CACHE_FILE).write_bytes(damage)
    assert lint("types.yaml") == expected
    assert "types.yaml" in read_cache(project)[0]["paths"]


def _row(header: dict[str, Any], path: str) -> int:
    return int(header["paths"].index(path))


DAMAGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "size-not-a-number": lambda h: h["sizes"].__setitem__(_row(h, "types.yaml"), "7"),
    "flags-a-float": lambda h: h["flags"].__setitem__(_row(h, "types.yaml"), 1.5),
    "digest-missing": lambda h: h["digests"].pop(),
    "path-twice": lambda h: h["paths"].__setitem__(0, h["paths"][1]),
    "reference-not-a-name": lambda h: h["references"].__setitem__(0, [None]),
    "definition-short": lambda h: h["definitions"][0].pop(),
    "definition-name-not-text": lambda h: h["definitions"][0].__setitem__(1, ["small"]),
    "definition-of-no-file": lambda h: h["definitions"][0].__setitem__(0, 99),
    "details-past-the-end": lambda h: h["definitions"][0].__setitem__(5, 10**6),
    "endpoints-not-rows": lambda h: h.__setitem__("endpoints", {"blue": "k8s"}),
}


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_a_cache_file_with_any_damaged_column_is_a_miss_whole(
    project: Path, reads: Counter[str], damage: Callable[[dict[str, Any]], None]
) -> None:
    expected = lint("--no-cache", "deploy/uses-small.yaml")
    lint(".")
    header, blob = read_cache(project)
    damage(header)
    write_cache(project, header, blob)
    reads.clear()
    assert lint("deploy/uses-small.yaml") == expected
    assert reads["types.yaml"] == 1  # read again, not taken from the damaged cache
    assert FactsCache.load(project).lookup("types.yaml") is not None  # and rebuilt


def test_damaged_definition_details_are_no_crash(project: Path) -> None:
    """A stored definition's resources are checked only when a rule looks at them; damaged
    ones then read as none (here: a definition the deployment cannot exceed)."""
    lower_the_cpu_limit(project)
    lint(".")
    header, blob = read_cache(project)
    write_cache(project, header, b"[" * len(blob))
    assert "AML403" not in lint("deploy/uses-small.yaml")
    assert "AML403" in lint("--no-cache", "deploy/uses-small.yaml")


def test_an_unwritable_cache_folder_is_no_cache(project: Path) -> None:
    (project / CACHE_DIR).write_text("a file where the folder should be", encoding="utf-8")
    assert lint("types.yaml") == lint("--no-cache", "types.yaml")


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    lint("--no-cache", ".")
    assert not (project / CACHE_DIR).exists()


def test_the_cache_folder_ignores_itself(project: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=project, check=True, timeout=60)
    lint(".")
    assert (project / CACHE_DIR / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project, capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    assert CACHE_DIR not in status
    assert "types.yaml" in status


def test_concurrent_runs_keep_each_others_entries(project: Path) -> None:
    lint(".")
    first, second = FactsCache.load(project), FactsCache.load(project)
    first.record(FileScan("new-a.yaml", digest="a" * 32))
    second.record(FileScan("new-b.yaml", digest="b" * 32))
    first.save()
    second.save()
    merged = FactsCache.load(project)
    assert merged.lookup("new-a.yaml") == FileScan("new-a.yaml", digest="a" * 32)
    assert merged.lookup("new-b.yaml") == FileScan("new-b.yaml", digest="b" * 32)
    assert merged.lookup("types.yaml") is not None


def test_a_whole_project_run_folds_the_deltas_in(project: Path) -> None:
    lint(".")
    lower_the_cpu_limit(project)
    lint("types.yaml")
    assert len(list((project / CACHE_DIR).glob(DELTA_PREFIX + "*"))) == 1
    lint(".")
    assert list((project / CACHE_DIR).glob(DELTA_PREFIX + "*")) == []


def test_cached_facts_round_trip(project: Path) -> None:
    """What the cache gives back is what a fresh scan finds."""
    lint(".")
    cache = FactsCache.load(project)
    for path in ("types.yaml", "deploy/uses-small.yaml", "charts/values.yaml"):
        cached = cache.lookup(path)
        assert cached is not None
        context = ProjectContext.build(load_settings(project), (), ())
        fresh = file_scan.scan_file(project, (), context, file_scan.ScanRequest(path, False))
        assert (cached.facts.definitions, cached.facts.computes) == (
            fresh.facts.definitions, fresh.facts.computes,
        )
        assert (cached.digest, cached.relevant, cached.defines) == (
            fresh.digest, fresh.relevant, fresh.defines,
        )
    deployment = cache.lookup("deploy/uses-small.yaml")
    assert deployment is not None and deployment.facts.references == {"small"}
