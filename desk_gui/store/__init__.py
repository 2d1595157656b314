"""Storage: peewee models, database opening, migrations, search, backup."""
