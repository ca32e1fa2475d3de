"""Light and dark themes: the Fusion style, a palette, a small style sheet from resources/style, and
the colours that carry meaning (a status, a warning, an error) chosen for each theme.

The colours are in app/ui/colours.py; the style sheets name them as `@key` (e.g. `@error`), filled
in when the theme is applied, so there is one place to change them."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.ui import colours, icons
from app.ui.colours import TEXT_COLOURS

STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "style"
THEMES = ("light", "dark")


def style_sheet(theme: str) -> str:
    qss = STYLE_DIR / f"{theme}.qss"
    text = qss.read_text(encoding="utf-8") if qss.is_file() else ""
    text = text.replace("@indicator", icons.indicator_file(theme))
    for key, value in sorted(TEXT_COLOURS[theme].items(), key=lambda kv: -len(kv[0])):  # @status.x before @s...
        text = text.replace(f"@{key}", value)
    return text


def _dark_palette() -> QPalette:
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#23272e", QPalette.ColorRole.WindowText: "#e5e7eb",
        QPalette.ColorRole.Base: "#1b1e23", QPalette.ColorRole.AlternateBase: "#242830",
        QPalette.ColorRole.ToolTipBase: "#2b3038", QPalette.ColorRole.ToolTipText: "#e5e7eb",
        QPalette.ColorRole.Text: "#e5e7eb", QPalette.ColorRole.Button: "#2b3038",
        QPalette.ColorRole.ButtonText: "#e5e7eb", QPalette.ColorRole.BrightText: "#ff5252",
        QPalette.ColorRole.Highlight: "#3b6fd8", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4ff", QPalette.ColorRole.PlaceholderText: "#8b949e",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7280"))
    return p


def apply(app: QApplication, theme: str) -> str:
    theme = theme if theme in THEMES else "light"
    colours._current[0] = theme
    # Each of these re-polishes every live widget: do only what changes (re-applying the same
    # style while half-destroyed widgets linger has crashed Qt in long test runs).
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    palette = _dark_palette() if theme == "dark" else app.style().standardPalette()
    if app.palette() != palette:
        app.setPalette(palette)
    sheet = style_sheet(theme)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    return theme
