"""Use-cases: the only code that writes, one transaction per operation."""
