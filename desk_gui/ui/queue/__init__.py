"""The main window: the ticket queue, its filters, menus, triage and printing."""
