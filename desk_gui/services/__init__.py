"""Use-cases: the only code that writes, one transaction per operation."""

import desk_gui.store  # noqa: F401  # its peewee, imported without psycopg2 (issue 11)
