#!/usr/bin/env bash
# Installs (as root) or names (otherwise) the Debian packages that the app, its
# tests and its tools need outside the virtualenv. Called by `make` before every
# target that runs code; dpkg-query keeps a repeated run at a few tens of ms.
set -uo pipefail

# Qt's xcb platform plugin (libqxcb.so, libQt6XcbQpa, libQt6Gui) links these;
# the list is what `objdump -p` shows as NEEDED for PySide6-Essentials 6.12,
# mapped to Debian 12 packages (ICU comes inside the wheel). Offscreen Qt needs
# none of them, a real window or Xvfb needs all.
QT_XCB="libegl1 libgl1 libx11-6 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6
libglib2.0-0 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0"
# xvfb + xauth: `xvfb-run make run` and `make screenshots`.
# fonts-wqy-microhei: without a CJK font every Chinese character is a box.
# fonts-hanazono: the rarer CJK characters (Extension B, e.g. 𠀀 in names) that wqy lacks; the
#   dossier falls back to it (and its test checks that).
# poppler-utils: pdftoppm/pdffonts, used by the dossier tests to look at PDFs.
# zbar-tools: zbarimg, which reads the verification QR code back out of a rendered dossier page.
# postgresql: server binaries for the hub tests (tests/postgres_server.py).
# strace: the I/O-error tests make a system call fail with EIO in a real process (tests/faults.py).
TOOLS="xvfb xauth fonts-wqy-microhei fonts-hanazono poppler-utils zbar-tools postgresql strace"

packages="$QT_XCB $TOOLS"

# Debian's own python3 has no venv module until python3-venv is installed.
py="${PYTHON:-python3}"
if [ "$(command -v "$py" 2>/dev/null)" = "/usr/bin/$py" ] && ! "$py" -c 'import ensurepip' 2>/dev/null; then
    packages="$packages python3-venv"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "system-deps: not a Debian-like system (no dpkg-query); make sure Qt's xcb libraries," \
         "Xvfb, a CJK font, poppler-utils and PostgreSQL server binaries are installed." >&2
    exit 0
fi

missing=""
for p in $packages; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)
    case "$status" in
        ii*) ;;
        *) missing="$missing $p" ;;
    esac
done
missing="${missing# }"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    cat >&2 <<EOF
======================================================================
缺少系统软件包 / Missing Debian packages:
    $missing
请以 root 身份安装 / Install them as root with:
    sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing
Continuing: offscreen tests still run; GUI under Xvfb, Chinese glyphs,
PDF checks and PostgreSQL tests need the packages above (they skip or
render boxes without them).
======================================================================
EOF
    exit 0
fi

echo "system-deps: installing $missing"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has empty package lists; update only now that we know we must install.
if ! apt-get update -qq; then
    echo "system-deps: WARNING apt-get update failed; trying the install with the lists we have" >&2
fi
# shellcheck disable=SC2086
if ! apt-get install -y -qq --no-install-recommends $missing; then
    echo "system-deps: WARNING could not install: $missing" >&2
    echo "system-deps: tests that need them will skip or fail; run the command by hand to see why:" >&2
    echo "    apt-get update && apt-get install -y --no-install-recommends $missing" >&2
fi
exit 0
