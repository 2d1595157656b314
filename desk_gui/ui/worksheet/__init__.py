"""Working a ticket: the worksheet, its panels and the handling-action dialogs."""
