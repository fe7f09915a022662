"""A Node of a snapshot and an InstanceType that selects another pool: the cluster tests'
documents."""

NODE = """\
apiVersion: v1
kind: Node
metadata:
  name: {name}
  labels:
    agentpool: cpupool
status:
  allocatable:
    cpu: 3860m
    memory: 12899172Ki
"""
TYPE = """\
apiVersion: amlarc.azureml.com/v1alpha1
kind: InstanceType
metadata:
  name: cpu-small
spec:
  nodeSelector:
    agentpool: gpupool
  resources:
    requests: {cpu: "1", memory: 1Gi}
    limits: {cpu: "1", memory: 1Gi}
"""
