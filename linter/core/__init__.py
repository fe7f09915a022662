"""Plain values every stage shares: spans, JSON pointers, findings and severities, the run
result, fixes. No I/O."""
