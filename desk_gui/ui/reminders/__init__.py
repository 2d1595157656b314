"""Reminders: the poller, the notifier and the reminder dock."""
