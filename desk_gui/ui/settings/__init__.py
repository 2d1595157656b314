"""Settings: the workstation and SLA settings dialogs."""
