"""What one file contributes to the project context (cacheable, independent of config)."""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.context import DEFAULT_INSTANCE_TYPE, InstanceTypeDef, instance_type_def
from linter.document import Document
from linter.kinds import Kind
from linter.workloads import compute_name, literal_instance_type, workloads


@dataclass
class FileFacts:
    definitions: list[InstanceTypeDef] = field(default_factory=list)
    computes: list[str] = field(default_factory=list)  # Kubernetes computes attached by this file
    references: set[str] = field(default_factory=set)  # instance type names its workloads use
    endpoints: dict[str, str] = field(default_factory=dict)  # Kubernetes endpoint -> its compute

    def add(self, document: Document) -> None:
        if document.kind is Kind.INSTANCE_TYPE:
            definition = instance_type_def(document)
            if definition is not None:
                self.definitions.append(definition)
        elif document.kind is Kind.KUBERNETES_COMPUTE:
            name = document.get("/name")
            if isinstance(name, str) and name:
                self.computes.append(name)
        elif document.kind is Kind.KUBERNETES_ENDPOINT:
            name, compute = document.get("/name"), compute_name(document.get("/compute"))
            if isinstance(name, str) and name and compute:
                self.endpoints.setdefault(name, compute)
        else:
            self.references |= referenced_instance_types(document)


def referenced_instance_types(document: Document) -> set[str]:
    """Instance type names the document's workloads (`linter.workloads`) may run on, as the
    4xx rules resolve them: the literal name, or the default for one that names none."""
    found = set()
    for workload in workloads(document):
        if not document.has(workload.instance_type_pointer):
            found.add(DEFAULT_INSTANCE_TYPE)
        elif (name := literal_instance_type(document, workload)) is not None:
            found.add(name)
    return found
