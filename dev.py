#!/usr/bin/env python3
"""One entry for developers on a fresh machine: `python dev.py run` or `python dev.py test`.

Creates `.venv` beside this file, installs the locked dependencies and Desk itself, compiles the
translations, then launches Desk or runs the whole test suite. Needs only Python 3.11+.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements" / "dev.lock"
STAMP = VENV / ".desk-installed"


def venv_python() -> Path:
    """The virtual environment's interpreter on Windows or POSIX."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_tool(name: str) -> Path:
    """A console script installed in the virtual environment."""
    folder = VENV / ("Scripts" if os.name == "nt" else "bin")
    exe = folder / (name + (".exe" if os.name == "nt" else ""))
    return exe


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_venv() -> Path:
    """Create or update .venv when the lock file or pyproject changed."""
    py = venv_python()
    if not py.exists():
        print("dev: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != _fingerprint():
        print("dev: installing dependencies", flush=True)
        pip = [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "-r", str(LOCK)], check=True)
        subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
        STAMP.write_text(_fingerprint())
    return py


def build_translations() -> None:
    """Compile resources/translations/*.ts into .qm files next to them."""
    lrelease = venv_tool("pyside6-lrelease")
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)


def main(argv: list[str]) -> int:
    """Dispatch: run | test | lint | bench | bundle."""
    if not argv or argv[0] not in {"run", "test", "lint", "bench", "bundle"}:
        print(__doc__)
        print(
            "usage: python dev.py run [desk-gui args] | test [pytest args] | lint | bench | bundle"
        )
        return 2
    verb, rest = argv[0], argv[1:]
    py = ensure_venv()
    build_translations()
    env = dict(os.environ)
    if verb == "run":
        return subprocess.call([str(py), "-m", "desk_gui", *rest], cwd=ROOT, env=env)
    if verb == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT, env=env)
    if verb == "lint":
        steps = [
            [str(py), "-m", "ruff", "check", "."],
            [str(py), "-m", "ruff", "format", "--check", "."],
            [str(py), "-m", "mypy"],
        ]
        return max(subprocess.call(step, cwd=ROOT) for step in steps)
    if verb == "bench":
        return subprocess.call([str(py), "benchmarks/run_all.py", *rest], cwd=ROOT, env=env)
    return subprocess.call([str(py), "packaging/build.py", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
