"""The cross-file project context (instance types per cluster scope, Kubernetes computes), what each
file contributes to it, and the on-disk cache of those contributions."""
