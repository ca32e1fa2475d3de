"""Light and dark themes: the Fusion style, a palette, a small style sheet from resources/style, and
the colours that carry meaning (a status, a warning, an error) chosen for each theme.

Every text colour in TEXT_COLOURS is at least 4.5:1 (WCAG AA) against the theme's window, base and
alternate-base colours; tests/ui/test_theme.py computes each one. The style sheets name them as
`@key` (e.g. `@error`), filled in when the theme is applied, so there is one place to change them."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

STYLE_DIR = Path(__file__).resolve().parents[2] / "resources" / "style"
THEMES = ("light", "dark")

TEXT_COLOURS: dict[str, dict[str, str]] = {
    "light": {
        "status.adopted": "#256d29", "status.not_adopted": "#c62828", "status.under_review": "#9a4a00",
        "status.submitted": "#1565c0", "status.completed": "#6a1b9a", "status.incubating": "#00695c",
        "status.promoted": "#00695c",
        "warning.milestone_overdue": "#b71c1c", "warning.request_unanswered": "#9a4a00",
        "warning.application_unanswered": "#9a4a00", "warning.project_stuck": "#4b5563",
        "error": "#b71c1c", "ok": "#256d29", "muted": "#565d6b", "attention": "#9a4a00",
    },
    "dark": {
        "status.adopted": "#81c784", "status.not_adopted": "#ff8a80", "status.under_review": "#ffb74d",
        "status.submitted": "#64b5f6", "status.completed": "#ce93d8", "status.incubating": "#4dd0c4",
        "status.promoted": "#4dd0c4",
        "warning.milestone_overdue": "#ff8a80", "warning.request_unanswered": "#ffcc66",
        "warning.application_unanswered": "#ffcc66", "warning.project_stuck": "#b8bec7",
        "error": "#ff8a80", "ok": "#81c784", "muted": "#a3abb5", "attention": "#ffcc66",
    },
}
_current = "light"


def current() -> str:
    return _current


def colour(key: str) -> str | None:
    """The current theme's colour for a meaning ("status.adopted", "error", ...), or None."""
    return TEXT_COLOURS[_current].get(key)


def style_sheet(theme: str) -> str:
    qss = STYLE_DIR / f"{theme}.qss"
    text = qss.read_text(encoding="utf-8") if qss.is_file() else ""
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
    global _current
    theme = theme if theme in THEMES else "light"
    _current = theme
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if theme == "dark" else app.style().standardPalette())
    app.setStyleSheet(style_sheet(theme))
    return theme
