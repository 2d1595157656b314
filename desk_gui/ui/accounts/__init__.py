"""Sign-in, passwords, staff accounts and the audit trail (issue 14)."""
