"""Template placeholders: values a tool fills in later, so they are not literal values to check.

Recognised anywhere in a value (a placeholder inside a name, `gpu-${SIZE}`, makes the whole
value a template):

- shell: `$VAR`, `${VAR}` (also `${VAR:-default}`), `$(command)`, which is also an Azure
  Pipelines macro `$(variable)`;
- Azure ML expressions: `${{parent.inputs.x}}`;
- Jinja / mustache / Helm: `{{ x }}`, `{{ .Values.cpu }}`;
- documentation placeholders in angle brackets: `<your name>`, `<instance_type_name>` (a
  letter, then letters, digits, spaces, `_`, `.` or `-`: markup such as `</failure>` or
  `<br/>` is not a placeholder, and `1</failure>` is checked like any value).
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(
    r"""
      \$[A-Za-z_][A-Za-z0-9_]*    # $VAR
    | \$\{[^{}]+\}                # ${VAR}, ${VAR:-default}
    | \$\([^()]+\)                # $(command), $(pipeline.variable)
    | \$?\{\{.*?\}\}              # ${{ expression }}, {{ template }}
    | <[A-Za-z][A-Za-z0-9\ _.-]*>  # <your name>, <instance_type_name>; not </failure>, <a/>
    """,
    re.VERBOSE,
)


def is_placeholder(value: str) -> bool:
    """Whether `value` is, or contains, a template placeholder (so it cannot be checked)."""
    return _PLACEHOLDER.search(value) is not None
