"""The configuration: find and load config files, validate them, the effective settings,
rule selection."""
