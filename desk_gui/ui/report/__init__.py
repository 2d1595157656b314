"""The weekly review: the report window, its charts and the problem records."""
