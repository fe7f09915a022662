"""What a run reads: the config files (the nearest and the nested ones), and which files a run
lints (the walk or `git ls-files`, include/exclude globs)."""
