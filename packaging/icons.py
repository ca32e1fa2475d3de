"""Render the application icon (resources/icons/ideabank.svg) for the packages:

    python packaging/icons.py OUTDIR

writes ideabank-SIZE.png for the freedesktop icon theme (hicolor) and ideabank.ico (Windows: the
programs and the installer), so the SVG is the only icon source kept in git.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "ideabank.svg"


def render(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (QPainter needs one)
    svg = QSvgRenderer(str(SVG))
    if not svg.isValid():
        raise SystemExit(f"icons: cannot read {SVG}")
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        svg.render(painter)
        painter.end()
        path = out / f"ideabank-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"icons: cannot write {path}")
        made.append(path)
    # Qt's ICO writer stores one image per file; Windows shell and Inno Setup want several sizes,
    # so the entries are written together by hand (ICO = directory + PNG-compressed images).
    ico = out / "ideabank.ico"
    _write_ico(ico, made)
    return made + [ico]


def _write_ico(path: Path, pngs: list[Path]) -> None:
    import struct
    images = [(int(p.stem.rsplit("-", 1)[1]), p.read_bytes()) for p in pngs]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, data in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    path.write_bytes(header + entries + blobs)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for p in render(Path(sys.argv[1])):
        print(p)
