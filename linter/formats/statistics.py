"""`check --statistics`: how many findings each rule has, most first, instead of the findings
(as ruff's `--statistics`): `  12  AML302  request-exceeds-limit`, then the summary line; with
`--format json`, a JSON list of `{"rule_id", "rule_name", "count", "fixable"}`."""

from __future__ import annotations

import json
from collections import Counter

from linter.engine.run_result import RunResult
from linter.formats.summary import summary_line


def render_statistics(result: RunResult, as_json: bool, quiet: bool = False) -> str:
    counts = Counter(f.rule_id for f in result.findings)
    rules = {rule.id: rule for rule in result.rules}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        rows = [
            {"rule_id": rule_id, "rule_name": rules[rule_id].name, "count": count,
             "fixable": rules[rule_id].fixable}
            for rule_id, count in ordered
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    width = len(str(max(counts.values(), default=0)))
    lines = [f"{count:>{width}}  {rule_id}  {rules[rule_id].name}" for rule_id, count in ordered]
    if not quiet:
        lines.append(summary_line(result))
    return "".join(line + "\n" for line in lines)
