"""Storage: peewee models, database opening, migrations, search, backup.

Importing the package loads nothing: the window reads its first page (``first_page``, stdlib
sqlite3) before peewee is imported. Entry points call ``pg_driver.import_peewee()`` before the
first store module so that peewee comes without psycopg2 for a SQLite file (issue 11).
"""
