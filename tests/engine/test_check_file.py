"""One YAML file checked: its definition documents or its workload documents, its parse
problems reported by one pass, a crashing rule turned into AML003, every finding made in one
place with its snippet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from linter.config.settings import Settings
from linter.core.finding import Report, Severity
from linter.core.span import Location, Role, Span
from linter.engine.check_file import check_yaml_file, line_at, new_finding
from linter.engine.registry import load_rules, rule_for
from linter.project.context import ProjectContext
from linter.rule import rule
from linter.source.kinds import Kind
from tests.support.cli_project import DEPLOYMENT, INSTANCE_TYPE, SMALL_INSTANCE_TYPE

SETTINGS = Settings(root=Path("."))
NO_DEFINITIONS = ProjectContext.build(SETTINGS, (), ())
# An instance type with limits.cpu 1, then a deployment asking for 2 (line 17, column 17).
BOTH = (SMALL_INSTANCE_TYPE + "---\n" + DEPLOYMENT.replace('cpu: "1"', 'cpu: "2"')).encode()


def test_the_definitions_pass_checks_the_definitions_and_collects_their_facts() -> None:
    data = INSTANCE_TYPE.format(name="x").encode()
    outcome = check_yaml_file("t.yaml", data, load_rules(), NO_DEFINITIONS, definitions=True)
    assert [(f.rule_id, f.span, f.severity, f.pointer, f.snippet) for f in outcome.findings] == [
        ("AML201", Span(10, 32, 10, 35), Severity.ERROR, "/spec/resources/limits/memory",
         '    limits: {cpu: "1", memory: 2GB}'),
        ("AML204", Span(9, 21, 9, 22), Severity.WARNING, "/spec/resources/requests/cpu",
         "    requests: {cpu: 1, memory: 2Gi}"),
    ]
    assert [d.name for d in outcome.facts.definitions] == ["x"]
    assert (outcome.relevant, outcome.has_workloads) == (True, False)


def test_the_workloads_pass_checks_the_rest_against_the_context() -> None:
    first = check_yaml_file("b.yaml", BOTH, load_rules(), NO_DEFINITIONS, definitions=True)
    assert (first.findings, first.has_workloads) == ([], True)
    context = ProjectContext.build(SETTINGS, first.facts.definitions, ())
    second = check_yaml_file("b.yaml", BOTH, load_rules(), context, definitions=False)
    [finding] = second.findings
    assert (finding.rule_id, finding.span, finding.document) == ("AML403", Span(17, 17, 17, 20), 1)
    assert finding.related == (
        Location("b.yaml", Span(7, 19, 7, 22), role=Role.RELATED,
                 note='instance type "small": its limits.cpu'),
    )
    assert second.facts.references == {"small"}


def test_parse_problems_belong_to_the_pass_that_reports_them() -> None:
    broken = b"apiVersion: amlarc.azureml.com/v1alpha1\nkind: InstanceType\nmetadata: {name: a\n"
    reported = check_yaml_file("c.yaml", broken, (), None, definitions=True)
    assert [(f.rule_id, f.span) for f in reported.findings] == [("AML001", Span(4, 1, 4, 2))]
    assert reported.findings[0].message == (
        "while parsing a flow mapping: did not find expected ',' or '}'"
    )
    quiet = check_yaml_file("c.yaml", broken, (), None, definitions=True, file_problems=False)
    assert quiet.findings == []


def test_a_file_that_is_not_ours_reports_nothing_even_when_broken() -> None:
    for data in (b"a: [1\n", b"a: 1\na: 2\n"):
        outcome = check_yaml_file("n.yaml", data, load_rules(), None, definitions=True)
        assert (outcome.findings, outcome.relevant) == ([], False)


def test_undecodable_bytes_are_aml005_at_the_bad_byte() -> None:
    outcome = check_yaml_file("e.yaml", b"\xff\xfe\x00", (), None, definitions=True)
    assert [(f.rule_id, f.span, f.message) for f in outcome.findings] == [
        ("AML005", Span(1, 1, 1, 2), "not valid UTF-16-LE text (byte 2); not linted")
    ]


@rule("AML998", "always-crashes", Severity.ERROR, [Kind.INSTANCE_TYPE])
def _crashing(document: object, context: object) -> Iterator[Report]:
    """A rule with a bug."""
    raise KeyError("spec")
    yield


def test_a_crashing_rule_is_aml003_on_its_document_and_the_others_still_run() -> None:
    data = INSTANCE_TYPE.format(name="x").encode()
    rules = (_crashing, rule_for("AML201"))
    findings = check_yaml_file("t.yaml", data, rules, None, definitions=True).findings
    assert [(f.rule_id, f.span) for f in findings] == [
        ("AML003", Span(1, 1, 10, 36)), ("AML201", Span(10, 32, 10, 35))
    ]
    assert findings[0].message.startswith(
        "rule AML998 (always-crashes) crashed on this document: KeyError: 'spec' (at _crashing:"
    )
    assert findings[0].message.endswith("); please report this")


def test_a_finding_takes_its_rule_s_name_and_severity_and_its_line() -> None:
    lines = ["first: 1", "second: 2"]
    made = new_finding(rule_for("AML204"), "a.yaml", Span(2, 9, 2, 10), "m", lines)
    assert (made.rule_name, made.severity, made.snippet) == ("quoting", Severity.WARNING,
                                                            "second: 2")
    raised = new_finding(rule_for("AML204"), "a.yaml", Span(3, 1, 3, 2), "m", lines,
                         severity=Severity.ERROR)
    assert (raised.severity, raised.snippet) == (Severity.ERROR, "")
    assert [line_at(lines, n) for n in (0, 1, 2, 3)] == ["", "first: 1", "second: 2", ""]
