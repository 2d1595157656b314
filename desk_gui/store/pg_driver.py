"""peewee without psycopg2 until a PostgreSQL URL is opened (issue 11).

peewee imports psycopg2 (and libpq, OpenSSL, its JSON and range types) as soon as it is
imported itself, to know whether PostgreSQL can be used: a third of peewee's import, paid by
every window opening a SQLite file. ``import_peewee`` imports peewee with psycopg2 hidden from
it; ``load_psycopg2`` imports the driver when a server URL is opened and gives peewee what its
own import would have found (the module, its extensions, the JSON adapter, the UUID type and
the transaction states of peewee's psycopg2 adapter).
"""

from __future__ import annotations

import sys
from types import ModuleType

DRIVER = "psycopg2"


def import_peewee() -> ModuleType:
    """peewee, imported without psycopg2 unless either is already loaded."""
    if "peewee" in sys.modules or DRIVER in sys.modules:
        import peewee

        return peewee
    sys.modules[DRIVER] = None  # type: ignore[assignment]  # "import psycopg2" fails in peewee
    try:
        import peewee
    finally:
        if sys.modules.get(DRIVER) is None:  # (psycopg2cffi's compat would have put itself)
            del sys.modules[DRIVER]
    return peewee


def load_psycopg2() -> ModuleType:
    """Import psycopg2 and hand it to peewee (once); ImportError when it is not installed."""
    import psycopg2
    from psycopg2 import extensions, extras

    peewee = import_peewee()
    if peewee.psycopg2 is None:
        found = {
            "psycopg2": psycopg2,
            "pg_extensions": extensions,
            "pg_register_uuid": extras.register_uuid,
            "Json_pg2": extras.Json,
        }
        for name, value in found.items():  # the names peewee's own import gives them
            setattr(peewee, name, value)
        extras.register_uuid()
        adapter = peewee.Psycopg2Adapter
        adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
        adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
        adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    return psycopg2
