"""What one file contributes to the project context (cacheable, independent of config)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from linter import pointer as jp
from linter.context import DEFAULT_INSTANCE_TYPE, InstanceTypeDef, instance_type_def
from linter.document import Document
from linter.kinds import JOB_KINDS, Kind


@dataclass
class FileFacts:
    definitions: list[InstanceTypeDef] = field(default_factory=list)
    computes: list[str] = field(default_factory=list)  # Kubernetes computes attached by this file
    references: set[str] = field(default_factory=set)  # instance type names its workloads use

    def add(self, document: Document) -> None:
        if document.kind is Kind.INSTANCE_TYPE:
            definition = instance_type_def(document)
            if definition is not None:
                self.definitions.append(definition)
        elif document.kind is Kind.KUBERNETES_COMPUTE:
            name = document.get("/name")
            if isinstance(name, str) and name:
                self.computes.append(name)
        else:
            self.references |= referenced_instance_types(document)

    def to_json(self) -> dict[str, Any]:
        return {
            "definitions": [d.to_json() for d in self.definitions],
            "computes": self.computes,
            "references": sorted(self.references),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileFacts:
        return cls(
            [InstanceTypeDef.from_json(d) for d in data["definitions"]],
            list(data["computes"]),
            set(data["references"]),
        )


def referenced_instance_types(document: Document) -> set[str]:
    """Instance type names a workload document may run on (the default when it names none)."""
    if document.kind in JOB_KINDS:
        pointers = ["/resources/instance_type"]
        jobs = document.mapping("/jobs")
        pointers += [jp.join("/jobs", name, "resources", "instance_type") for name in jobs]
    elif document.kind in (Kind.KUBERNETES_DEPLOYMENT, Kind.MANAGED_DEPLOYMENT):
        pointers = ["/instance_type"]
    else:
        return set()
    names = {document.get(p) for p in pointers}
    found = {name for name in names if isinstance(name, str)}
    return found or {DEFAULT_INSTANCE_TYPE}
