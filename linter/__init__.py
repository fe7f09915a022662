"""amlarc-lint: a static linter for Azure Machine Learning on Kubernetes."""

__version__ = "0.1.0"
