"""A cluster snapshot for the benchmark: `kubectl get nodes -o yaml` of 5,000 nodes, as the
README's trimming leaves it (labels, taints, unschedulable, allocatable, conditions), and the
extension settings; and the commit-time rows that measure what naming it in the config costs.

`python benchmarks/cluster_snapshot.py` generates a 10,000-file repository and runs only
these rows (`benchmarks/run.py` runs them with the others)."""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repo_generator import GeneratedRepo

NODES = 5_000
SNAPSHOT = "cluster/nodes.yaml"
SETTINGS = "cluster/extension-settings.json"
PLAIN_CONFIG = "bench-plain.toml"
SNAPSHOT_CONFIG = "bench-cluster.toml"
_POOLS = (  # name, cpu, memory (Ki), GPUs, taint
    ("cpupool", "3860m", "12899172", None, None),
    ("bigpool", "15740m", "57393012", None, None),
    ("gpupool", "5840m", "51573948", "1", "sku=gpu:NoSchedule"),
)


def snapshot_text(nodes: int = NODES, seed: int = 13) -> str:
    rng = random.Random(seed)
    lines = ["apiVersion: v1", "items:"]
    for number in range(nodes):
        pool, cpu, memory, gpu, taint = rng.choice(_POOLS)
        name = f"aks-{pool}-{number // 1000:02d}-vmss{number:06x}"
        lines += [
            "- apiVersion: v1",
            "  kind: Node",
            "  metadata:",
            "    labels:",
            f"      agentpool: {pool}",
            "      beta.kubernetes.io/arch: amd64",
            f"      kubernetes.azure.com/agentpool: {pool}",
            f"      kubernetes.io/hostname: {name}",
            "      kubernetes.io/os: linux",
            f"      topology.kubernetes.io/zone: eastus-{number % 3 + 1}",
            f"    name: {name}",
            "  spec:",
        ]
        if taint:
            key, _, rest = taint.partition("=")
            value, _, effect = rest.partition(":")
            lines += [
                "    taints:",
                f"    - effect: {effect}",
                f"      key: {key}",
                f"      value: {value}",
            ]
        if number % 97 == 0:
            lines.append("    unschedulable: true")
        lines += [
            "  status:",
            "    allocatable:",
            f"      cpu: {cpu}",
            '      ephemeral-storage: "119703055367"',
            f"      memory: {memory}Ki",
        ]
        if gpu:
            lines.append(f'      nvidia.com/gpu: "{gpu}"')
        lines += [
            '      pods: "110"',
            "    conditions:",
            '    - lastHeartbeatTime: "2024-05-01T10:00:00Z"',
            "      reason: KubeletReady",
            f'      status: "{"False" if number % 211 == 0 else "True"}"',
            "      type: Ready",
        ]
    lines += ["kind: List", "metadata:", '  resourceVersion: ""']
    return "\n".join(lines) + "\n"


SETTINGS_JSON = {
    "enableTraining": "True",
    "enableInference": "True",
    "inferenceRouterServiceType": "loadBalancer",
    "allowInsecureConnections": "True",
    "installNvidiaDevicePlugin": "True",
    "workLoadToleration[0].key": "sku",
    "workLoadToleration[0].operator": "Exists",
}


def add_snapshot(repo: GeneratedRepo, nodes: int = NODES) -> None:
    """The snapshot, the settings, and two configs that differ only by naming them."""
    (repo.root / "cluster").mkdir(exist_ok=True)
    (repo.root / SNAPSHOT).write_text(snapshot_text(nodes), encoding="utf-8")
    (repo.root / SETTINGS).write_text(json.dumps(SETTINGS_JSON, indent=2) + "\n")
    (repo.root / PLAIN_CONFIG).write_text("# no cluster files\n", encoding="utf-8")
    (repo.root / SNAPSHOT_CONFIG).write_text(
        f'nodes = ["{SNAPSHOT}"]\nextension-settings = "{SETTINGS}"\n', encoding="utf-8"
    )


def snapshot_rows(repo: GeneratedRepo, runs: int, staged: str) -> tuple[list[Any], str]:
    """The staged InstanceType with and without the snapshot in the config, alternated, each
    after a run that leaves the caches (as the previous commit's would); the table rows and
    a summary line with the ratio."""
    from run import BIN, ENVIRONMENT, Command, alternate

    add_snapshot(repo)
    lint = [str(BIN / "amlarc-lint"), "check", "--format", "concise"]
    plain = Command(
        "commit-time: staged InstanceType (config without a snapshot)",
        [*lint, "--config", PLAIN_CONFIG, staged],
        1,
        runs,
    )
    with_snapshot = Command(
        f"commit-time: staged InstanceType, {NODES:,}-node snapshot in the config",
        [*lint, "--config", SNAPSHOT_CONFIG, staged],
        1,
        runs,
    )
    for command in (plain, with_snapshot):
        subprocess.run(
            command.argv, cwd=repo.root, stdout=subprocess.DEVNULL, check=False, env=ENVIRONMENT
        )
    alternate([plain, with_snapshot], repo.root)
    ratio = with_snapshot.median / plain.median
    rows = [(plain, ""), (with_snapshot, f"{ratio:.2f}x without the snapshot")]
    summary = (
        f"- {with_snapshot.label}: {ratio:.2f}x the same run without it "
        "(target: not noticeably slower)"
    )
    return rows, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=11, help="runs per command (medians)")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    args = parser.parse_args()
    from run import make_repo, stage_edit, table

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="amlarc-bench-"))
    try:
        repo = make_repo(workdir, args.files)
        name = max(repo.users, key=lambda n: len(repo.users[n]) if n in repo.defined_in else -1)
        staged = repo.defined_in[name]
        stage_edit(repo, staged, 'cpu: "', 'cpu:  "')
        rows, summary = snapshot_rows(repo, args.runs, staged)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table(rows))
    print()
    print(summary)


if __name__ == "__main__":
    main()
