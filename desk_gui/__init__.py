"""Desk: a service-desk workstation on a shared SQLite file."""

__version__ = "0.1.0"
