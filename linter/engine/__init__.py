"""One run: the passes over the files, the per-file check, the rule registry, the parallel map."""
