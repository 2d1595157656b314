"""Bundle benchmark: size of dist/desk, and start-up of the frozen program against source.

Usage: python benchmarks/bench_bundle.py [--build] [--runs 7] [--tickets 1000]

Needs a bundle (``python dev.py bundle``; ``--build`` runs packaging/build.py first). Figures:
- bundle size (apparent bytes and disk blocks, like ``du``), and its biggest parts;
- ``--version`` and ``--self-test`` wall time, frozen vs ``python -m desk_gui`` from source;
- time to a shown main window (Linux, when Xvfb and xwininfo exist): the program starts on a
  private Xvfb display over a demo database with the operator already chosen, and the clock
  stops when its first top-level window larger than 200x200 is viewable (polled every ~10 ms).
Every time is the median of ``--runs`` runs after one warm-up (cold-cache figures are higher).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "desk"
EXE = ".exe" if sys.platform == "win32" else ""


def sizes(path: Path) -> tuple[int, int]:
    """(apparent bytes, bytes of disk blocks) of every regular file under ``path``."""
    apparent = blocks = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            apparent += st.st_size
            blocks += getattr(st, "st_blocks", (st.st_size + 4095) // 4096 * 8) * 512
    return apparent, blocks


def biggest_parts(path: Path, count: int = 6) -> list[tuple[str, int]]:
    """The largest top-level entries of the bundle's _internal folder."""
    internal = path / "_internal"
    parts = []
    for child in internal.iterdir():
        if child.is_symlink():
            continue
        size = sizes(child)[0] if child.is_dir() else child.stat().st_size
        parts.append((child.name, size))
    return sorted(parts, key=lambda item: -item[1])[:count]


def median_time(cmd: Sequence[str], runs: int, env: dict[str, str], cwd: Path) -> float:
    """Median wall time of a command that must succeed (one warm-up run first)."""

    def once() -> float:
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True, timeout=300)
        return time.perf_counter() - t0

    once()
    return statistics.median(once() for _ in range(runs))


def _viewable_window(display: str) -> bool:
    """Whether any top-level window bigger than 200x200 is viewable on ``display``."""
    env = {**os.environ, "DISPLAY": display}
    tree = subprocess.run(
        ["xwininfo", "-root", "-children"], env=env, capture_output=True, text=True
    ).stdout
    for wid in re.findall(r"^\s+(0x[0-9a-f]+)", tree, re.MULTILINE):
        info = subprocess.run(
            ["xwininfo", "-id", wid], env=env, capture_output=True, text=True
        ).stdout
        if "IsViewable" not in info:
            continue
        w = re.search(r"Width: (\d+)", info)
        h = re.search(r"Height: (\d+)", info)
        if w and h and int(w.group(1)) > 200 and int(h.group(1)) > 200:
            return True
    return False


def _seed_workstation(folder: Path, cli: Sequence[str], env: dict[str, str], tickets: int) -> Path:
    """A demo database and this workstation's preferences (database and operator chosen)."""
    db = folder / "desk.db"
    subprocess.run(
        [*cli, "demo", "--db", str(db), "--tickets", str(tickets), "--quiet"],
        env=env,
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(db) as conn:
        operator = conn.execute(
            "SELECT name FROM staff WHERE active ORDER BY id LIMIT 1"
        ).fetchone()
    conf = folder / "config" / "Desk" / "Desk.conf"
    conf.parent.mkdir(parents=True, exist_ok=True)
    conf.write_text(
        f"[database]\nlast={db}\n\n[operator]\nname={operator[0]}\n\n[ui]\nlanguage=zh\n",
        encoding="utf-8",
    )
    return db


def window_time(cmd: Sequence[str], cli: Sequence[str], runs: int, tickets: int) -> float | None:
    """Median seconds from launch to a viewable main window on a private Xvfb; None if no X."""
    if sys.platform != "linux" or not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        return None
    # A high display number of our own: low ones are taken (or about to be) by test runners.
    number = next(
        n for n in range(150 + os.getpid() % 50, 400) if not Path(f"/tmp/.X{n}-lock").exists()
    )
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(
        [
            "Xvfb",
            f":{number}",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            "1600x1000x24",
            "-nolisten",
            "tcp",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as ready:  # Xvfb writes its display number once it accepts clients
            display = ":" + ready.readline().strip()
        with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
            folder = Path(tmp)
            env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
            env.update(
                DISPLAY=display,
                XDG_CONFIG_HOME=str(folder / "config"),
                DESK_DATA_DIR=str(folder / "data"),
                LANG="C.UTF-8",
            )
            env.pop("WAYLAND_DISPLAY", None)
            _seed_workstation(folder, cli, env, tickets)
            samples = []
            for _ in range(runs + 1):
                t0 = time.perf_counter()
                log = folder / "stderr.txt"
                with log.open("wb") as err:
                    proc = subprocess.Popen(
                        list(cmd), env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=err
                    )
                try:
                    while not _viewable_window(display):
                        if proc.poll() is not None:
                            tail = log.read_text(errors="replace")[-2000:]
                            raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}: {tail}")
                        if time.perf_counter() - t0 > 60:
                            raise RuntimeError("no window within 60 s")
                        time.sleep(0.01)
                    samples.append(time.perf_counter() - t0)
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
            return statistics.median(samples[1:])
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def _row(label: str, frozen: float | None, source: float | None) -> str:
    def fmt(v: float | None) -> str:
        return "n/a" if v is None else f"{v * 1000:7.0f} ms"

    ratio = f"{frozen / source:5.2f}x" if frozen and source else "  n/a"
    return f"  {label:<28} frozen {fmt(frozen)}   source {fmt(source)}   frozen/source {ratio}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="run packaging/build.py first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tickets", type=int, default=1000)
    args = parser.parse_args(argv)
    if args.build:
        built = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py")], cwd=ROOT)
        if built.returncode:
            return built.returncode
    cli = [str(BUNDLE / f"desk-cli{EXE}")]
    gui = [str(BUNDLE / f"desk{EXE}")]
    if not Path(cli[0]).is_file():
        print(f"no bundle at {BUNDLE}: run `python dev.py bundle` first", file=sys.stderr)
        return 2
    source = [sys.executable, "-m", "desk_gui"]

    apparent, on_disk = sizes(BUNDLE)
    print(
        f"bundle {BUNDLE.relative_to(ROOT)}: {apparent / 2**20:.1f} MB ({on_disk / 2**20:.1f} MB on disk)"
    )
    for name, size in biggest_parts(BUNDLE):
        print(f"  {name:<40} {size / 2**20:6.1f} MB")

    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
        env = {**os.environ, "DESK_DATA_DIR": str(Path(tmp) / "data"), "PYTHONPATH": str(ROOT)}
        cwd = Path(tmp)
        runs = args.runs
        timings: list[tuple[str, Callable[[Sequence[str]], float]]] = [
            ("--version", lambda c: median_time([*c, "--version"], runs, env, cwd)),
            (
                "--self-test",
                lambda c: median_time([*c, "--self-test"], max(3, runs // 2), env, cwd),
            ),
        ]
        print(f"start-up (median of {runs} runs after a warm-up):")
        for label, measure in timings:
            print(_row(label, measure(cli), measure(source)), flush=True)
    try:
        frozen_window = window_time(gui, cli, args.runs, args.tickets)
        source_window = window_time(source, cli, args.runs, args.tickets) if frozen_window else None
    except (RuntimeError, subprocess.SubprocessError, OSError) as exc:
        print(f"  main window: not measured ({exc})")
    else:
        if frozen_window is None:
            print("  main window: not measured (needs Linux with Xvfb and xwininfo)")
        else:
            label = f"main window shown ({args.tickets} t.)"
            print(_row(label, frozen_window, source_window))
    return 0


if __name__ == "__main__":
    sys.exit(main())
