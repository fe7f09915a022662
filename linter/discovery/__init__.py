"""Which files a run lints: the walk (or `git ls-files`), include/exclude globs."""
