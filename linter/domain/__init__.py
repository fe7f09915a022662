"""Azure ML and Kubernetes knowledge the rules share: workloads, the cluster model, Kubernetes
names, placeholders, JSON Schema checks."""
