"""Findings the engine itself makes: the file cannot be read or parsed, a rule crashed."""

from linter.rule import Severity, engine_rule

YAML_SYNTAX = engine_rule(
    "AML001",
    "yaml-syntax",
    Severity.ERROR,
    """
    The file (or one document of it) is not valid YAML, or uses a tag that a safe loader rejects.

    ## What it checks
    Every YAML document of a file that looks like an Azure ML or InstanceType file is parsed;
    a syntax error is reported at the parser's mark, and the other documents of the file
    (separated by `---`) are still linted. A non-standard tag such as `!!python/object` is
    reported too: it is never constructed.

    ## Why
    `kubectl apply` and `az ml ... create` (PyYAML `safe_load`) refuse the whole file.
    Files that do not parse are reported only when they are clearly ours (they mention
    `amlarc.azureml.com`, `azureml`, `instance_type` or `endpoint_name`), so Helm templates
    with `{{ }}` are left alone.

    ## Example
    ```yaml
    resources:
      limits: [cpu: "1"
    ```

    ## Use instead
    ```yaml
    resources:
      limits: {cpu: "1"}
    ```

    ## Options
    None.
    """,
)

DUPLICATE_KEY = engine_rule(
    "AML002",
    "duplicate-key",
    Severity.ERROR,
    """
    A key is repeated in one mapping.

    ## What it checks
    Reported at the second occurrence; the rest of the file is still linted, with the last
    value winning, as PyYAML (and so azure-ai-ml) reads it.

    ## Why
    kubectl rejects duplicate keys ("mapping key already defined"); azure-ai-ml silently keeps
    the last one, so half of what you wrote is ignored.

    ## Example
    ```yaml
    limits:
      cpu: "1"
      cpu: "2"
    ```

    ## Use instead
    ```yaml
    limits:
      cpu: "2"
    ```

    ## Options
    None.
    """,
)

RULE_CRASH = engine_rule(
    "AML003",
    "rule-crash",
    Severity.ERROR,
    """
    A rule raised an exception on a document.

    ## What it checks
    Nothing in your file: the named rule has a bug. The finding names the rule and the
    exception; every other rule and file is still checked.

    ## Why
    One broken rule must never hide the other findings of a run. Please report it.

    ## Example
    ```text
    rule AML302 (request-exceeds-limit) crashed on this document: TypeError: ...
    ```

    ## Use instead
    Upgrade amlarc-lint, or `ignore = ["AML302"]` until it is fixed.

    ## Options
    None.
    """,
)

UNUSED_SUPPRESSION = engine_rule(
    "AML004",
    "unused-suppression",
    Severity.WARNING,
    """
    An inline `# amlarc-lint: ignore[...]` comment hides nothing.

    ## What it checks
    Each id of an `ignore[...]` (or a bare `ignore`) directive that suppressed no finding on
    its lines is reported at the comment, and so is each id of an `ignore-file[...]` that
    suppressed nothing in the file. A directive that cannot be read (`ignroe`, `ignore[AML2]`)
    or that names an id no rule has is reported too. An id whose rule is not selected for the
    file (`select`, `ignore`, `per-file-ignores`, `--select`) is not reported: a narrower run
    must not flag the suppressions meant for the rules it skips. Only comments count: a `#`
    inside a quoted string or a block scalar is text.

    ## Why
    Stale suppressions hide the next real problem on that line.

    ## Example
    ```yaml
    cpu: "1"  # amlarc-lint: ignore[AML204]
    ```

    ## Use instead
    ```yaml
    cpu: "1"
    ```

    ## Options
    None.
    """,
)

UNREADABLE_FILE = engine_rule(
    "AML005",
    "unreadable-file",
    Severity.ERROR,
    """
    A file could not be linted: not text, unreadable, gone, or over a safety limit.

    ## What it checks
    Files that are not UTF-8/16/32 text, binary files (NUL characters), unreadable or
    vanished files, paths that do not exist, directories given as files, files over 5 MiB,
    documents nested deeper than 200 levels, and documents whose aliases expand to more than
    200,000 nodes (a "billion laughs" bomb).

    ## Why
    The linter must never hang or crash on hostile input, and must say what it did not check.

    ## Example
    A UTF-8 file with a stray Latin-1 byte: `memory: "2Gi"  # caf\\xe9`.

    ## Use instead
    Save the file as UTF-8.

    ## Options
    None.
    """,
)
