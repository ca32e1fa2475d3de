"""Icons for the navigation and the toolbar: Tabler Icons (MIT), shipped in resources/icons/tabler.

The SVGs draw with `currentColor`; `icon(name)` renders them in the current theme's text colour,
so the same file serves the light and the dark theme. Unknown names give an empty icon."""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.ui.colours import TEXT_COLOURS, current

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons" / "tabler"
SIZES = (16, 20, 24, 32)


def svg(name: str, colour: str) -> bytes | None:
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8").replace("currentColor", colour).encode("utf-8")


@lru_cache(maxsize=256)
def _icon(name: str, colour: str) -> QIcon:
    data = svg(name, colour)
    out = QIcon()
    if data is None:
        return out
    renderer = QSvgRenderer(QByteArray(data))
    for size in SIZES:
        for scale in (1, 2):
            pix = QPixmap(size * scale, size * scale)
            pix.setDevicePixelRatio(scale)
            pix.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pix)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            out.addPixmap(pix)
    return out


def icon(name: str, colour: str | None = None) -> QIcon:
    """The icon in the theme's icon colour, or in `colour` (e.g. white on a primary button)."""
    return _icon(name, colour or TEXT_COLOURS[current()]["icon"])


def indicator_file(theme_name: str) -> str:
    """The menu buttons' arrow as a file the style sheet can name (style sheets cannot tint)."""
    folder = Path(tempfile.gettempdir()) / "ideabank-icons"
    folder.mkdir(exist_ok=True)
    target = folder / f"chevron-down-{theme_name}.svg"
    data = svg("chevron-down", TEXT_COLOURS[theme_name]["icon"]) or b""
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)
    return target.as_posix()
