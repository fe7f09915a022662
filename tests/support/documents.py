"""A classified document built from YAML text, as rules receive it."""

from __future__ import annotations

from linter.source.document import Document
from linter.source.kinds import classify
from linter.source.yaml_reader import parse


def document(text: str) -> Document:
    parsed = parse(text)
    kind = classify(parsed.documents[0].root)
    assert kind is not None, text
    built = parsed.documents[0].build()
    return Document("doc.yaml", 0, kind, built.data, built.spans)


# A pipeline whose steps inherit its default compute, name an instance type, a template or
# none, and two Spark steps (never Kubernetes workloads).
PIPELINE = """\
type: pipeline
compute: azureml:ignored
settings:
  default_compute: azureml:k8s
jobs:
  prep:
    type: command
    command: python prep.py
  train:
    type: command
    compute: azureml:gpu-k8s
    resources: {instance_type: gpu-large}
  templated:
    resources: {instance_type: "${{parent.inputs.itype}}"}
  spark:
    type: spark
    resources: {instance_type: standard_e4s_v3, runtime_version: "3.4"}
  untyped-spark:
    component: ./spark.yml
    resources: {instance_type: standard_e8s_v3, runtime_version: "3.4"}
  nested:
    type: pipeline
    component: ./sub.yml
"""
