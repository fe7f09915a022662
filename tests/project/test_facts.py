"""What one file contributes to the project context: its instance types, the Kubernetes
computes it attaches, its endpoints' computes, and the instance types its workloads use."""

from __future__ import annotations

from linter.project.facts import NO_FACTS, file_facts, referenced_instance_types
from tests.support.cli_project import DEPLOYMENT, SMALL_INSTANCE_TYPE
from tests.support.documents import PIPELINE, document

SCHEMAS = "https://azuremlschemas.azureedge.net/latest"
COMPUTE = f"$schema: {SCHEMAS}/kubernetesCompute.schema.json\nname: k8s\ntype: kubernetes\n"
ENDPOINT = f"$schema: {SCHEMAS}/kubernetesOnlineEndpoint.schema.json\nname: churn\ncompute: {{c}}\n"
MANAGED = f"$schema: {SCHEMAS}/managedOnlineEndpoint.schema.json\nname: web\nauth_mode: key\n"
JOB = "command: python train.py\ncompute: azureml:k8s\n"


def test_referenced_instance_types_are_what_the_rules_resolve() -> None:
    assert referenced_instance_types(document(PIPELINE)) == {"defaultinstancetype", "gpu-large"}
    deployment = "name: b\ntype: kubernetes\nendpoint_name: e\nmodel: azureml:m:1\n"
    assert referenced_instance_types(document(deployment)) == {"defaultinstancetype"}
    managed = "name: b\nendpoint_name: e\nmodel: azureml:m:1\ninstance_type: Standard_DS3_v2\n"
    assert referenced_instance_types(document(managed)) == set()


def test_a_file_s_facts_in_document_order() -> None:
    texts = (SMALL_INSTANCE_TYPE, COMPUTE, ENDPOINT.format(c="azureml:k8s"),
             ENDPOINT.format(c="azureml:other"), MANAGED, DEPLOYMENT, JOB)
    facts = file_facts([document(text) for text in texts])
    assert [(d.name, d.path) for d in facts.definitions] == [("small", "doc.yaml")]
    assert facts.computes == ("k8s",)
    assert facts.endpoints == (("churn", "k8s"), ("web", ""))  # the first compute named wins
    assert facts.references == {"small", "defaultinstancetype"}


def test_a_file_that_contributes_nothing_shares_the_empty_facts() -> None:
    templated = "command: x\ncompute: azureml:k8s\nresources: {instance_type: '${{inputs.t}}'}\n"
    assert file_facts([]) is NO_FACTS
    assert file_facts([document(templated)]) is NO_FACTS
    assert file_facts([document(COMPUTE.replace("name: k8s", "name: ''"))]) is NO_FACTS
