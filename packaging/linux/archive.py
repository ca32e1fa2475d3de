"""The Linux archive: `python packaging/linux/archive.py dist/ideabank OUTDIR`.

Writes OUTDIR/ideabank-VERSION-linux-ARCH.tar.gz holding

    ideabank-VERSION/
        ideabank/                  the one-folder application (ideabank, ideabank-gui, _internal/)
        share/applications/ideabank.desktop
        share/icons/hicolor/SIZExSIZE/apps/ideabank.png, scalable/apps/ideabank.svg
        install.sh                 puts them in place (./install.sh --help)
        README.txt

A .tar.gz with an install script rather than an AppImage: building an AppImage needs appimagetool,
which no package registry we build from carries, and nothing may be downloaded at build time; an
archive needs only Python's tarfile, and the same folder runs unpacked too.
"""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
import bundle_files  # noqa: E402

README = """创新智慧库 {version}（Linux）
================================

安装：在此文件夹中运行 ./install.sh（以 root 运行则为所有用户安装）。之后从应用程序菜单启动
“创新智慧库”，或在终端运行 ideabank-gui；命令行工具为 ideabank。卸载：./install.sh --uninstall
（数据文件夹保持不变）。不安装也可直接运行 ideabank/ideabank-gui。

Idea Bank {version} (Linux)

Install: run ./install.sh in this folder (as root it installs for everyone). Then start
"Idea Bank" from the applications menu, or run ideabank-gui; the command line is ideabank.
Remove: ./install.sh --uninstall (the data folder is kept). The program also runs unpacked:
ideabank/ideabank-gui.

The window needs Qt's X11 libraries (Debian/Ubuntu: libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
libxkbcommon-x11-0 and their usual companions; see packaging/system-deps.sh in the sources).
"""


def build(bundle: Path, out: Path) -> Path:
    for program in ("ideabank", "ideabank-gui"):
        if not os.access(bundle / program, os.X_OK):
            raise SystemExit(f"archive: {bundle / program} missing: run `make package` first")
    version = bundle_files.version(ROOT)
    arch = platform.machine() or "unknown"
    top = f"ideabank-{version}"
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"ideabank-{version}-linux-{arch}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        icons = Path(tmp) / "icons"
        subprocess.run([sys.executable, str(HERE.parent / "icons.py"), str(icons)], check=True,
                       stdout=subprocess.DEVNULL)
        readme = Path(tmp) / "README.txt"
        readme.write_text(README.format(version=version), encoding="utf-8")
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(bundle, f"{top}/ideabank")
            tar.add(HERE / "install.sh", f"{top}/install.sh")
            tar.add(readme, f"{top}/README.txt")
            tar.add(HERE / "ideabank.desktop", f"{top}/share/applications/ideabank.desktop")
            for png in sorted(icons.glob("ideabank-*.png")):
                size = png.stem.rsplit("-", 1)[1]
                tar.add(png, f"{top}/share/icons/hicolor/{size}x{size}/apps/ideabank.png")
            tar.add(ROOT / "resources" / "icons" / "ideabank.svg", f"{top}/share/icons/hicolor/scalable/apps/ideabank.svg")
        partial.replace(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(build(Path(sys.argv[1]), Path(sys.argv[2])))
