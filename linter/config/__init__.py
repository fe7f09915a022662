"""The configuration: validation against its schema, the effective settings, its globs."""
