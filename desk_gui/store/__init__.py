"""Storage: peewee models, database opening, migrations, search, backup."""

from desk_gui.store.pg_driver import import_peewee

import_peewee()  # before any store module: peewee without psycopg2 for a SQLite file (issue 11)
