"""The weekly review: the report's figures for a period, its definitions, top problems."""
