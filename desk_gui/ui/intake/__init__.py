"""Taking a ticket in: the new-ticket form, its fields, suggestions and drafts."""
