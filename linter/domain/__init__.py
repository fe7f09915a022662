"""Azure ML and Kubernetes knowledge the rules share: workloads, instance type resolution, resource
lists, quantities, Kubernetes names, placeholders, JSON Schema checks."""
