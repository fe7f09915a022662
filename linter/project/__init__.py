"""The cross-file project context (instance types per cluster scope, Kubernetes computes), what each
file contributes to it, and what reads it: instance type resolution, resource lists, the fit on
a cluster's nodes."""
