"""Where `--fix` must not write, or must write with care: a symlink out of the project, a
read-only file, a hard-linked file, another owner's or group's file, and what a killed
`--fix` left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from linter.source.atomic_file import remove_stale_temporaries
from tests.support.cli_project import check, write_project

BEFORE = (
    b"apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata:\n  name: t\n"
    b"spec:\n  resources:\n    requests: {cpu: 1, memory: 2Gi}\n"
    b'    limits: {cpu: "1", memory: 2Gi}\n'
)
AFTER = BEFORE.replace(b"{cpu: 1,", b'{cpu: "1",')


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return write_project(root, {"amlarc-lint.toml": ""})


def test_a_symlink_out_of_the_project_is_never_written(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_bytes(BEFORE)
    (project / "it.yaml").symlink_to(outside)
    run = check("--fix", ".")
    assert outside.read_bytes() == BEFORE
    assert f"warning: it.yaml: it is a symlink to {outside}, outside the project" in run.stderr


def test_a_symlink_inside_the_project_is_fixed_through(project: Path) -> None:
    write_project(project, {"real/it.yaml": BEFORE})
    (project / "alias.yaml").symlink_to("real/it.yaml")
    check("--fix", "alias.yaml")
    assert (project / "real/it.yaml").read_bytes() == AFTER
    assert (project / "alias.yaml").is_symlink()


def test_a_read_only_file_is_skipped_with_a_warning_naming_it(project: Path) -> None:
    target = write_project(project, {"it.yaml": BEFORE}) / "it.yaml"
    target.chmod(0o444)
    run = check("--fix", ".")
    assert target.read_bytes() == BEFORE
    assert "amlarc-lint: warning: it.yaml: the file is read-only; not fixed" in run.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_hard_linked_file_keeps_its_inode_and_links(project: Path) -> None:
    target = write_project(project, {"it.yaml": BEFORE}) / "it.yaml"
    other = project / "elsewhere.txt"
    os.link(target, other)
    inode = target.stat().st_ino
    run = check("--fix", "it.yaml")
    assert target.stat().st_ino == inode and other.read_bytes() == AFTER
    assert "it.yaml: written in place to keep its 1 hard link(s)" in run.stderr


def test_owner_and_group_are_kept(project: Path) -> None:
    """As root, a file of another user and group stays theirs (the temporary file is given
    them before the rename)."""
    target = write_project(project, {"it.yaml": BEFORE}) / "it.yaml"
    if os.getuid() == 0:
        os.chown(target, 4242, 4343)
    expected = (target.stat().st_uid, target.stat().st_gid)
    check("--fix", "it.yaml")
    assert target.read_bytes() == AFTER
    assert (target.stat().st_uid, target.stat().st_gid) == expected


def test_a_killed_fixs_temporary_files_are_removed_by_the_next(project: Path) -> None:
    target = write_project(project, {"it.yaml": BEFORE}) / "it.yaml"
    dead = _dead_pid()
    stale = project / f".it.yaml.amlarc-lint-{dead}-abc123.tmp"
    stale.write_bytes(BEFORE[:10])
    live = project / f".it.yaml.amlarc-lint-{os.getpid()}-def456.tmp"  # a run still going
    live.write_bytes(b"")
    check("--fix", ".")
    assert target.read_bytes() == AFTER
    assert not stale.exists() and live.exists()


def test_only_temporary_files_of_gone_processes_are_removed(tmp_path: Path) -> None:
    names = [
        f".a.yaml.amlarc-lint-{_dead_pid()}-x.tmp", f".a.yaml.amlarc-lint-{os.getpid()}-x.tmp",
        ".a.yaml.other-1-x.tmp", "a.yaml",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def _dead_pid() -> int:
    """A process id no process has (one past the highest the system hands out)."""
    try:
        return int(Path("/proc/sys/kernel/pid_max").read_text(encoding="ascii")) + 1
    except OSError:
        return 2**22 + 1
