"""What one file contributes to the project context (cacheable, independent of config)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from linter.domain.workloads import compute_name, literal_instance_type, workloads
from linter.project.context import (
    DEFAULT_INSTANCE_TYPE,
    MANAGED,
    InstanceTypeDef,
    instance_type_def,
)
from linter.source.document import Document
from linter.source.kinds import Kind


class FileFacts(NamedTuple):
    """Immutable, so that the many files that contribute nothing share `NO_FACTS`."""

    definitions: tuple[InstanceTypeDef, ...] = ()
    computes: tuple[str, ...] = ()  # Kubernetes computes attached by this file
    references: frozenset[str] = frozenset()  # instance type names its workloads use
    # endpoint, its compute (first wins); a managed endpoint's compute is `MANAGED` ("")
    endpoints: tuple[tuple[str, str], ...] = ()


NO_FACTS = FileFacts()


def file_facts(documents: Iterable[Document]) -> FileFacts:
    """What these documents (of one file, in order) contribute."""
    definitions: list[InstanceTypeDef] = []
    computes: list[str] = []
    references: set[str] = set()
    endpoints: dict[str, str] = {}
    for document in documents:
        if document.kind is Kind.INSTANCE_TYPE:
            definition = instance_type_def(document)
            if definition is not None:
                definitions.append(definition)
        elif document.kind is Kind.KUBERNETES_COMPUTE:
            name = document.get("/name")
            if isinstance(name, str) and name:
                computes.append(name)
        elif document.kind is Kind.KUBERNETES_ENDPOINT:
            name, compute = document.get("/name"), compute_name(document.get("/compute"))
            if isinstance(name, str) and name and compute:
                endpoints.setdefault(name, compute)
        elif document.kind is Kind.MANAGED_ENDPOINT:
            name = document.get("/name")
            if isinstance(name, str) and name:
                endpoints.setdefault(name, MANAGED)
        else:
            references |= referenced_instance_types(document)
    if not (definitions or computes or references or endpoints):
        return NO_FACTS
    return FileFacts(
        definitions=tuple(definitions),
        computes=tuple(computes),
        references=frozenset(references),
        endpoints=tuple(endpoints.items()),
    )


def referenced_instance_types(document: Document) -> set[str]:
    """Instance type names the document's workloads (`linter.domain.workloads`) may run on, as the
    4xx rules resolve them: the literal name, or the default for one that names none."""
    found = set()
    for workload in workloads(document):
        if not document.has(workload.instance_type_pointer):
            found.add(DEFAULT_INSTANCE_TYPE)
        elif (name := literal_instance_type(document, workload)) is not None:
            found.add(name)
    return found
