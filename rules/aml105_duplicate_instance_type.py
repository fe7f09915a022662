"""AML105: one instance type name defined twice in the same cluster scope."""

from __future__ import annotations

from collections.abc import Iterator

from linter.domain.templating import is_placeholder
from linter.project.context import DEFAULT_SCOPE
from linter.rule import ProjectContext, Report, Severity, project_rule


@project_rule("AML105", "duplicate-instance-type", Severity.ERROR)
def duplicate_instance_type(context: ProjectContext) -> Iterator[Report]:
    """The same instance type name is defined twice in one cluster scope.

    ## What it checks
    All InstanceTypes of the repository (single documents and InstanceTypeList items, in
    every file), grouped by cluster scope: by default the whole repository is one cluster;
    with `[[clusters]]` in the config, each cluster is a scope of its own, and the same name
    in two clusters is fine. Every definition after the first is reported at its
    `metadata.name`, with the first one as a related location. Files are taken in path
    order, documents and list items in file order. Placeholder names (`$NAME`) are skipped.

    ## Why
    Instance type names are unique in a cluster: applying the second definition silently
    replaces the first (`kubectl apply` reports `configured`), so the cluster ends up with
    whichever file was applied last, and jobs get resources nobody reviewed.

    ## Example
    ```yaml
    # cpu.yaml
    metadata:
      name: cpu-small
    ---
    # cpu-new.yaml
    metadata:
      name: cpu-small
    ```

    ## Use instead
    Give each definition its own name (`cpu-small`, `cpu-medium`), or keep one of them. For
    several clusters, declare them in the config:
    ```toml
    [[tool.amlarc-lint.clusters]]
    name = "prod"
    instance-types = ["clusters/prod/**"]
    ```

    ## Options
    `clusters` (config): which files' InstanceTypes belong to which cluster.
    """
    for scope, names in sorted(context.definitions.items()):
        where = "this repository" if scope == DEFAULT_SCOPE else f'cluster "{scope}"'
        for name, definitions in sorted(names.items()):
            if len(definitions) < 2 or is_placeholder(name):
                continue
            first = definitions[0].location("/metadata/name")
            for later in definitions[1:]:
                location = later.location("/metadata/name")
                if location is None or first is None:
                    continue
                yield Report(
                    "",
                    f'instance type "{name}" is already defined in {where} '
                    f"({first.path}:{first.span.start_line}); the definition applied last "
                    "silently replaces the other: rename one or delete it",
                    location=location,
                    related=(first.related("first definition"),),
                )
