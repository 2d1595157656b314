"""Importing tickets from a file: the import dialog and its problem list."""
