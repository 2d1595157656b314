"""What accounts cost: a password check (slow on purpose) and a guarded service call.

Usage: python benchmarks/bench_accounts.py
Prints, each beside a baseline measured in the same run:
- scrypt at Desk's cost (n=2**17, r=8, p=1) against one SHA-256 of the same password (what an
  unsalted fast hash would cost an attacker per guess);
- ``access.require`` for a signed-in role (a table lookup) and for nobody signed in (one read of
  the office's sign-in switch) against an empty call.
"""

from __future__ import annotations

import hashlib
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desk_gui.domain.roles import Role
from desk_gui.services import access, passwords
from desk_gui.services.context import Context
from desk_gui.store.database import close_database, open_database


def _best(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    secret = "Sekr3t-密码-2026"
    stored = passwords.hash_password(secret)
    check = _best(lambda: passwords.verify_password(secret, stored), 5)
    fast = _best(lambda: hashlib.sha256(secret.encode()).digest(), 1000)
    print(f"password check (scrypt n=2**17): {check * 1000:8.1f} ms   baseline sha256: "
          f"{fast * 1e6:6.2f} µs   ({check / fast:,.0f}× slower per guess)")  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "bench.db")
        try:
            signed = Context(operator="周主管", role=Role.SUPERVISOR)
            nobody = Context(operator="张三")
            empty = _best(lambda: None, 10000)
            role = _best(lambda: access.require(signed, access.Privilege.REOPEN_CLOSED), 10000)
            switch = _best(lambda: access.require(nobody, access.Privilege.REOPEN_CLOSED), 2000)
        finally:
            close_database()
    print(f"require, signed in: {role * 1e6:6.2f} µs   nobody signed in (reads the switch): "
          f"{switch * 1e6:6.1f} µs   baseline empty call: {empty * 1e6:5.2f} µs")  # fmt: skip


if __name__ == "__main__":
    main()
