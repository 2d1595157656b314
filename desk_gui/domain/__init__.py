"""The rules of the service desk: pure Python, no Qt, no database."""
