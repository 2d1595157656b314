#!/usr/bin/env bash
# Screenshots of the Windows build under Wine: the installer's Chinese wizard and the installed
# program's main window. Not part of CI: .ci/windows-under-wine.sh --screenshots calls it, with
# Wine's prefix, DISPLAY (Xvfb) and WINE* set, and Windows paths as Wine sees them:
#
#   screenshots.sh installer SETUP_WIN        before the first install (so the wizard shows the
#                                             destination page): docs/screenshot-installer-zh.png
#   screenshots.sh program APP_WIN DB_WIN     the installed desk.exe on a demo database that it
#                                             writes to DB_WIN (3000 tickets, so a screenful
#                                             is still open): docs/screenshot-windows.png
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE=$1
: "${DISPLAY:?needs an X server}" "${WINEPREFIX:?needs the Wine prefix}"

say() { printf 'screenshots: %s\n' "$*"; }

# The Chinese wizard asks for Microsoft YaHei UI; the main window's Chinese text falls back to
# Windows' CJK fonts. Map them to a TrueType CJK font that Debian ships (fonts-wqy-microhei).
FS='HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontSubstitutes'
# Title-bar buttons are glyphs of Wine's Marlett (Debian's fonts-wine), which Wine 8 here does
# not find by itself: without it they read "0 1 r".
cp /usr/share/wine/fonts/marlett.ttf "$WINEPREFIX/drive_c/windows/Fonts/"
for face in "Microsoft YaHei UI" "Microsoft YaHei" "SimSun" "NSimSun" "MS Shell Dlg" "MS Shell Dlg 2" "Tahoma" "Segoe UI"; do
  wine reg add "$FS" /v "$face" /d "WenQuanYi Micro Hei" /f </dev/null >/dev/null 2>&1
done
# No window manager on Xvfb: let Wine draw Windows' own title bars and frames.
wine reg add 'HKCU\Software\Wine\X11 Driver' /v Managed /d N /f </dev/null >/dev/null 2>&1
wineserver -w

# The first X window at least 300x200 whose name contains $1 (setup and Qt also make tiny hidden
# windows with the same name); waits up to $2 seconds.
find_window() {
  local name=$1 deadline=$((SECONDS + $2)) line size
  while [ $SECONDS -lt "$deadline" ]; do
    while IFS= read -r line; do
      size=$(grep -oE ' [0-9]+x[0-9]+[+-]' <<<"$line" | head -1 | tr -d ' +-')
      if [ -n "$size" ] && [ "${size%x*}" -ge 300 ] && [ "${size#*x}" -ge 200 ]; then
        awk '{print $1}' <<<"$line"
        return 0
      fi
    done < <(xwininfo -root -tree 2>/dev/null | grep -F "\"" | grep -F "$name" || true)
    sleep 1
  done
  return 1
}

shoot() {  # window id, output file, seconds to let it settle (paint, first popups come and go)
  sleep "$3"
  # Without a taskbar, Wine shows the tray icon (Desk's reminders) in a window of its own at the
  # top left, and tray balloons, both black on Xvfb: hide explorer.exe's windows for the picture.
  local w
  for w in $(xdotool search --onlyvisible --class explorer.exe 2>/dev/null || true); do
    xdotool windowunmap "$w" 2>/dev/null || true
  done
  sleep 1
  import -window "$1" "$2"
  say "$2: $(identify -format '%wx%h' "$2")"
}

case $MODE in
  installer)
    # The wizard in Chinese, per user (so no install-mode dialog first). Nothing is installed:
    # the wizard is closed by ending this prefix's programs.
    wine "$2" /LANG=chinesesimplified /CURRENTUSER </dev/null >/dev/null 2>&1 &
    win_id=$(find_window "Desk" 60) || { xwininfo -root -tree | head -40; echo "no setup window" >&2; exit 1; }
    shoot "$win_id" docs/screenshot-installer-zh.png 3
    ;;
  program)
    # The operator is remembered (QSettings: HKCU\Software\Desk\Desk\operator\name), so the
    # main window opens without asking who works here; the name is one of the demo's staff.
    wine 'C:\Python312\python.exe' -c "import winreg
k = winreg.CreateKey(winreg.HKEY_CURRENT_USER, r'Software\Desk\Desk\operator')
winreg.SetValueEx(k, 'name', 0, winreg.REG_SZ, '\u5f20\u4e09')" </dev/null 2>&1 | cat
    wine "$2\\desk-cli.exe" demo --db "$3" --tickets 3000 --quiet </dev/null 2>&1 | cat
    wine "$2\\desk.exe" --lang zh --db "$3" </dev/null >/dev/null 2>&1 &
    win_id=$(find_window "Desk" 90) || { xwininfo -root -tree | head -40; echo "no Desk window" >&2; exit 1; }
    shoot "$win_id" docs/screenshot-windows.png 12
    ;;
  *) echo "usage: $0 installer SETUP_WIN | program APP_WIN DB_WIN" >&2; exit 2 ;;
esac
wineserver -k || true
wineserver -w || true
