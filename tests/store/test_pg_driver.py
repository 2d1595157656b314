"""peewee imported without psycopg2 (issue 11): a SQLite start never loads the driver, and a
PostgreSQL URL opened later finds peewee exactly as its own import would have left it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("DESK_TEST_PG_URL", "").strip()

# What peewee holds of psycopg2: its globals that come from the driver, the transaction states
# of its psycopg2 adapter, and whether the UUID type (OID 2950) is registered with the driver.
SNAPSHOT = """
import json, sys, types
import peewee, psycopg2.extensions

def origin(value):
    if isinstance(value, types.ModuleType):
        return value.__name__
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"

state = {
    name: origin(value)
    for name, value in sorted(vars(peewee).items())
    if origin(value).startswith("psycopg2")
}
adapter = peewee.Psycopg2Adapter
state["txn"] = [adapter.txn_idle, adapter.txn_inerror, adapter.txn_unknown]
state["uuid registered"] = 2950 in psycopg2.extensions.string_types
print(json.dumps(state))
"""


def _child(code: str, *args: str) -> str:
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_data_layer_imports_peewee_without_psycopg2() -> None:
    code = (
        "import sys\n"
        "from desk_gui.app import import_data_layer\n"
        "import_data_layer()\n"
        "import peewee\n"
        "print(sorted(m for m in sys.modules if m.startswith('psycopg')), peewee.psycopg2)\n"
    )
    assert _child(code) == "[] None"


def test_a_postgresql_url_gives_peewee_what_its_own_import_finds() -> None:
    pytest.importorskip("psycopg2")
    plain = json.loads(_child("import psycopg2\n" + SNAPSHOT))
    lazy = json.loads(
        _child(
            "from desk_gui.store import pg_driver\n"
            "import sys\n"
            "assert 'psycopg2' not in sys.modules\n"
            "pg_driver.load_psycopg2()\n" + SNAPSHOT
        )
    )
    assert plain["uuid registered"] is True
    assert "psycopg2" in plain.values()  # the snapshot does see the driver's globals
    assert lazy == plain


@pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL names no PostgreSQL server")
def test_a_window_start_then_a_postgresql_database_works() -> None:
    """The start's import order (data layer first, no driver), then a PostgreSQL database:
    created, a ticket saved and read back through the queue, a UUID round trip."""
    psycopg2 = pytest.importorskip("psycopg2")
    conn = psycopg2.connect(PG_URL, connect_timeout=5)
    conn.autocommit = True
    with conn.cursor() as cursor:  # an empty schema, as the PostgreSQL tests start from
        cursor.execute("DROP SCHEMA IF EXISTS public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    conn.close()
    assert _child(PG_CHILD, PG_URL) == "ok 1"


PG_CHILD = """
import sys, uuid
from datetime import datetime
from desk_gui.app import import_data_layer
import_data_layer()
assert "psycopg2" not in sys.modules
import peewee
from desk_gui.services.context import Context
from desk_gui.services.queue import QueueFilter, QueueService
from desk_gui.services.workflow import WorkflowService
from desk_gui.store.database import close_database, open_database
from tests.services.conftest import make_draft

db = open_database(sys.argv[1])
assert isinstance(db, peewee.PostgresqlDatabase), db
one = uuid.uuid4()
assert db.execute_sql("SELECT %s::uuid", (one,)).fetchone()[0] == one
ctx = Context(operator="李工程师", workstation="PC-1", clock=lambda: datetime(2024, 5, 6, 9, 15))
WorkflowService(ctx).create(make_draft(title="打印机"))
print("ok", QueueService().count(QueueFilter()))
assert db.is_connection_usable()
close_database()
"""
