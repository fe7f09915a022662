"""The rule modules; each public `Rule` in a module here is discovered automatically."""
