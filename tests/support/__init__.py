"""Helpers the tests share: projects on disk, the format fixture set, lint helpers, SARIF checks."""
