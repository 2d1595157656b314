"""Start-up: the launcher that opens a workspace and shows the main window."""
