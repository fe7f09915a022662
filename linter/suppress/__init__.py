"""After the check: inline suppression directives, baselines and the fingerprints they match on."""
