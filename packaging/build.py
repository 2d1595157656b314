"""Build the standalone bundle (dist/desk), smoke-test the frozen program, then the installer.

    python dev.py bundle                      # the usual way (inside dev.py's .venv)
    python packaging/build.py [--skip-build] [--no-installer]

Steps: compile the translations, run PyInstaller on packaging/desk.spec, run the frozen
``desk-cli --self-test`` (fails on a non-zero exit, a missing "self-test ok", or any output on
stderr, which is where Python and Qt put warnings), then on Windows compile the Inno Setup
installer with ISCC when it is installed. Exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from version_info import numeric_version, read_version  # noqa: E402

SPEC = HERE / "desk.spec"
ISS = HERE / "installer.iss"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "desk"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""
SELF_TEST_TIMEOUT_S = 180
ISCC_CANDIDATES = (
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "Inno Setup 6"
    / "ISCC.exe",
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "Inno Setup 6" / "ISCC.exe",
)


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def _step(text: str) -> None:
    print(f"build: {text}", flush=True)


def executable(name: str, bundle: Path = BUNDLE) -> Path:
    """One of the bundle's programs: ``desk`` (windowed) or ``desk-cli`` (console)."""
    return bundle / (name + EXE_SUFFIX)


def compile_translations() -> list[Path]:
    """resources/translations/*.ts -> .qm with the lrelease that ships with PySide6."""
    sources = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    if not sources:
        return []
    import PySide6

    tool_dir = Path(PySide6.__file__).parent
    lrelease = next(
        (p for p in (tool_dir / "lrelease.exe", tool_dir / "lrelease") if p.is_file()), None
    )
    if lrelease is None:
        raise BuildError(f"lrelease not found in {tool_dir}")
    built = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def run_pyinstaller() -> float:
    """PyInstaller on the spec into dist/desk; the seconds it took."""
    started = time.perf_counter()
    cmd = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(SPEC),
    ]
    result = subprocess.run(cmd, cwd=ROOT)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed with exit status {result.returncode}")
    for name in ("desk", "desk-cli"):
        if not executable(name).is_file():
            raise BuildError(f"PyInstaller did not produce {executable(name)}")
    return time.perf_counter() - started


def _clean_env(data_dir: Path) -> dict[str, str]:
    """The environment for the frozen program: no source tree, a throw-away data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_"))}
    env["DESK_DATA_DIR"] = str(data_dir)
    return env


def check_output(
    what: str, result: subprocess.CompletedProcess[str], expect: str | None = None
) -> None:
    """Fail on a non-zero exit, output on stderr, or a missing expected line."""
    problems = []
    if result.returncode != 0:
        problems.append(f"exit status {result.returncode}")
    if result.stderr.strip():
        problems.append("output on stderr")
    if expect is not None and expect not in result.stdout:
        problems.append(f"no {expect!r} in its output")
    if problems:
        sys.stdout.write(result.stdout)
        sys.stderr.write(result.stderr)
        raise BuildError(f"{what}: {', '.join(problems)}")


def run_frozen(
    args: Sequence[str], *, program: str = "desk-cli"
) -> subprocess.CompletedProcess[str]:
    """Run a bundle program in a clean environment and a neutral folder, capturing its output."""
    with tempfile.TemporaryDirectory(prefix="desk-build-") as tmp:
        return subprocess.run(
            [str(executable(program)), *args],
            cwd=tmp,
            env=_clean_env(Path(tmp) / "data"),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=SELF_TEST_TIMEOUT_S,
        )


def smoke_test() -> float:
    """``--version`` and ``--self-test`` of the frozen program; the self-test's seconds."""
    version = read_version()
    result = run_frozen(["--version"])
    check_output("desk-cli --version", result, expect=f"Desk {version}")
    if not WINDOWS:  # the windowed exe has no console on Windows: nothing to read back
        check_output("desk --version", run_frozen(["--version"], program="desk"), f"Desk {version}")
    started = time.perf_counter()
    result = run_frozen(["--self-test"])
    elapsed = time.perf_counter() - started
    sys.stdout.write(result.stdout)
    check_output("desk-cli --self-test", result, expect="self-test ok")
    return elapsed


def find_iscc() -> Path | None:
    """Inno Setup's compiler: $ISCC, then PATH, then its default install folders."""
    candidates = [os.environ.get("ISCC"), shutil.which("ISCC"), *map(str, ISCC_CANDIDATES)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def build_installer(iscc: Path) -> Path:
    """Compile packaging/installer.iss against dist/desk; the setup program's path."""
    version = read_version()
    cmd = [
        str(iscc),
        "/Q",  # errors only (/Qp's progress lacks line ends)
        f"/DAppVersion={version}",
        f"/DAppVersionNumeric={'.'.join(map(str, numeric_version(version)))}",
        f"/DSourceDir={BUNDLE}",
        f"/O{DIST}",
        str(ISS),
    ]
    result = subprocess.run(cmd, cwd=HERE)
    if result.returncode != 0:
        raise BuildError(f"ISCC failed with exit status {result.returncode}")
    setup = DIST / f"Desk-{version}-setup.exe"
    if not setup.is_file():
        raise BuildError(f"ISCC did not produce {setup}")
    return setup


def bundle_size(path: Path = BUNDLE) -> int:
    """Total bytes of the files in the bundle (what ``du`` counts, give or take blocks)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="self-test the existing bundle")
    parser.add_argument("--no-installer", action="store_true", help="do not run ISCC")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if not args.skip_build:
            qms = compile_translations()
            _step(f"{len(qms)} translation(s) compiled")
            _step("PyInstaller (packaging/desk.spec) -> dist/desk")
            seconds = run_pyinstaller()
            _step(f"bundle built in {seconds:.0f} s, {bundle_size() / 2**20:.0f} MB")
        elif not executable("desk-cli").is_file():
            raise BuildError(f"no bundle at {BUNDLE}: build it first")
        _step("frozen self-test")
        seconds = smoke_test()
        _step(f"frozen self-test passed in {seconds:.1f} s")
        if WINDOWS and not args.no_installer:
            iscc = find_iscc()
            if iscc is None:
                _step("Inno Setup (ISCC.exe) not found: installer skipped")
            else:
                _step(f"ISCC ({iscc}) -> installer")
                iscc_started = time.perf_counter()
                setup = build_installer(iscc)
                _step(
                    f"installer built in {time.perf_counter() - iscc_started:.0f} s: {setup}"
                    f" ({setup.stat().st_size / 2**20:.1f} MB)"
                )
    except (BuildError, subprocess.SubprocessError, OSError) as exc:
        print(f"build: FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    _step(f"done in {time.perf_counter() - started:.0f} s: {BUNDLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
