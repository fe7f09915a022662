"""One run: the passes over the files, the per-file check, the rule registry and rule selection,
the parallel map, the facts cache and cluster snapshot files around it, the run result."""
