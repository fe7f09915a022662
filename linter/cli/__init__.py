"""The command line: click commands that parse options into plain values and call the run."""
