"""JSON Schemas shipped with amlarc-lint (usable on their own by editors)."""
