"""`check --fix` / `--diff`: a finding's fix as exact text edits, applied atomically."""
