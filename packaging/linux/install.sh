#!/bin/sh
# 创新智慧库 / Idea Bank — install or remove the application from this unpacked archive.
#
#   ./install.sh                 install (as root: for everyone; otherwise: for you alone)
#   ./install.sh --uninstall     remove it again (your data folder is kept)
#   ./install.sh --prefix DIR --bindir DIR --datadir DIR    choose the places yourself
#
# As root:   the program in /opt/ideabank, commands in /usr/local/bin, menu entry and icons in
#            /usr/local/share.
# Otherwise: ~/.local/opt/ideabank, ~/.local/bin and ~/.local/share (the freedesktop places).
# The data (database, attachments, backups) lives in the per-user data folder, never here, so
# installing a newer version or removing this one leaves it alone.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" -eq 0 ]; then
    prefix=/opt/ideabank; bindir=/usr/local/bin; datadir=/usr/local/share
else
    prefix="$HOME/.local/opt/ideabank"; bindir="$HOME/.local/bin"; datadir="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
action=install
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=$2; shift 2 ;;
        --bindir) bindir=$2; shift 2 ;;
        --datadir) datadir=$2; shift 2 ;;
        --uninstall) action=uninstall; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "install.sh: 未知参数 / unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
apps="$datadir/applications"
icons="$datadir/icons/hicolor"

refresh_menus() {
    # Desktops notice new entries by themselves; these only speed it up, where they exist.
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
    rm -f "$bindir/ideabank" "$bindir/ideabank-gui" "$apps/ideabank.desktop"
    find "$icons" -path '*/apps/ideabank.*' -type f -delete 2>/dev/null || true
    rm -rf "$prefix"
    refresh_menus
    echo "已卸载创新智慧库；数据文件夹保持不变。/ Idea Bank removed; the data folder is kept."
    exit 0
fi

[ -x "$here/ideabank/ideabank-gui" ] || { echo "install.sh: $here/ideabank/ is incomplete; unpack the archive again" >&2; exit 1; }

# Copy beside the old version, then swap: a failed copy (a full disk) leaves the old one working.
mkdir -p "$(dirname "$prefix")" "$bindir" "$apps"
rm -rf "$prefix.new"
cp -R "$here/ideabank" "$prefix.new"
rm -rf "$prefix.old"
[ -e "$prefix" ] && mv "$prefix" "$prefix.old"
mv "$prefix.new" "$prefix"
rm -rf "$prefix.old"

ln -sf "$prefix/ideabank" "$bindir/ideabank"
ln -sf "$prefix/ideabank-gui" "$bindir/ideabank-gui"

# The menu entry names the program by its full path, so it works whether or not $bindir is on PATH.
sed -e "s|^Exec=.*|Exec=\"$prefix/ideabank-gui\"|" -e "s|^TryExec=.*|TryExec=$prefix/ideabank-gui|" \
    "$here/share/applications/ideabank.desktop" > "$apps/ideabank.desktop"
chmod 644 "$apps/ideabank.desktop"
(cd "$here/share/icons/hicolor" && find . -type f) | while read -r icon; do
    mkdir -p "$icons/$(dirname "$icon")"
    cp "$here/share/icons/hicolor/$icon" "$icons/$icon"
done
refresh_menus

echo "已安装创新智慧库 $("$prefix/ideabank" --version 2>/dev/null | cut -d' ' -f2) 到 $prefix"
echo "Idea Bank installed in $prefix: start it from the menu (创新智慧库 / Idea Bank), or run ideabank-gui;"
echo "the command line is ideabank (in $bindir)."
case ":$PATH:" in *":$bindir:"*) ;; *) echo "注意 / Note: $bindir is not on your PATH." ;; esac
