"""Bytes on disk -> decoded text -> documents with a span for every key and value; document kinds.

The YAML front end (`yaml_reader`) lives here; another front end (Python, notebooks) goes beside it
and produces the same `Document`s."""
