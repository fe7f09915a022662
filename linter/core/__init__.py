"""Plain values every stage shares: spans, JSON pointers, findings and severities, exact
quantities, fixes, the content digest, path helpers. No I/O."""
