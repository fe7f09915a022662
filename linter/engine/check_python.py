"""Check one Python file or notebook: `check_file.check_yaml_file` for the Python front end. Same
passes (definitions: Kubernetes computes and endpoints; workloads: jobs, deployments and the
SDK usage), same rules. Two things are its own: a finding that sits at, above or below a value
the code does not state statically is dropped (no finding may depend on an unknown value), and
a notebook finding gets its cell position for the text formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from linter.core.finding import Finding, Severity
from linter.core.fixes import ReplaceText
from linter.engine.check_file import FileOutcome, checks_by_kind, engine_finding, run_rule
from linter.project.context import ProjectContext
from linter.project.facts import file_facts
from linter.rule import Rule
from linter.source.document import Document
from linter.source.kinds import DEFINITION_KINDS
from linter.source.line_index import yaml_lines
from linter.source.python_documents import PythonDocument, sdk_documents
from linter.source.python_front import decode_python, parse_python
from linter.source.python_text import PythonText
from linter.source.text import UnreadableFile

SYNTAX_RULE = "AML510"
# Rules whose fixes apply to Python (`linter.fix.python_apply`): text edits, and AML204's
# quotes (not in a notebook, see `_shown`).
_PYTHON_FIXES = frozenset({"AML204", "AML501", "AML503"})


def check_python_file(
    path: str,
    data: bytes,
    rules: Iterable[Rule],
    context: ProjectContext | None,
    *,
    definitions: bool,
    file_problems: bool = True,
) -> FileOutcome:
    outcome = FileOutcome()
    try:
        text = decode_python(path, data)
    except UnreadableFile as exc:
        outcome.findings.append(engine_finding("AML005", path, exc.span, str(exc)))
        outcome.relevant = True
        return outcome
    lines = yaml_lines(text)
    source, tree, problems = parse_python(path, text)
    outcome.relevant = True
    if file_problems:
        outcome.findings += [
            _shown(engine_finding(SYNTAX_RULE, path, span, _syntax_message(message), lines), source)
            for span, message in problems
        ]
    if source is None or tree is None:
        return outcome
    by_kind = checks_by_kind(tuple(rules))
    checked: list[Document] = []
    for index, found in enumerate(sdk_documents(source, tree)):
        if (found.kind in DEFINITION_KINDS) != definitions:
            outcome.has_workloads = outcome.has_workloads or definitions
            continue
        document = Document(path, index, found.kind, found.data, found.spans)
        checked.append(document)
        for rule in by_kind[found.kind]:
            outcome.findings += [
                _shown(_in_python(finding), source)
                for finding in run_rule(rule, document, context, lines)
                if _is_known(finding, found)
            ]
    outcome.facts = file_facts(checked)
    return outcome


def _syntax_message(message: str) -> str:
    return f"this file does not parse as Python ({message}); it is not checked"


def _is_known(finding: Finding, document: PythonDocument) -> bool:
    """Whether the finding depends on no unknown value: its pointer is not at, below or above
    one (the SDK usage document's findings are about the code as written)."""
    if not document.unknown or finding.rule_id.startswith("AML5"):
        return True
    pointer = finding.pointer
    return not any(
        pointer == unknown
        or pointer.startswith(unknown + "/")
        or unknown.startswith(pointer + "/")
        or not pointer
        or not unknown
        for unknown in document.unknown
    )


def _in_python(finding: Finding) -> Finding:
    """AML204 is a warning in Python: azure-ai-ml sends a number as it is, where the CLI's
    YAML loader would reject it. The YAML rules' fixes that are not a quoting change (moving
    entries, rewriting a quantity) have no Python form: those findings carry no fix."""
    if finding.fix is not None and finding.rule_id not in _PYTHON_FIXES:
        finding = replace(finding, fix=None)
    if finding.rule_id != "AML204" or "YAML number" not in finding.message:
        return finding
    message = finding.message.replace("the YAML number", "the Python number")
    message += " (azure-ai-ml sends it as a number, which deployment YAML rejects)"
    return replace(finding, message=message, severity=min(finding.severity, Severity.WARNING))


def _shown(finding: Finding, source: PythonText | None) -> Finding:
    """A notebook finding with its cell; without a quoting fix (quotes are JSON escapes in
    the file)."""
    if source is None or not source.is_notebook:
        return finding
    fix = finding.fix if isinstance(finding.fix, ReplaceText) else None
    return replace(finding, cell=source.cell_spot(finding.span), fix=fix)
