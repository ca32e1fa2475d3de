"""Each theme has its own colours that carry meaning, every one readable (WCAG AA, 4.5:1) on the
theme's window, base and alternate-base colours; disabled buttons are drawn as disabled."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from app.ui import colours, theme

pytestmark = pytest.mark.gui


def luminance(c: QColor) -> float:
    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", theme.THEMES)
def test_every_meaningful_colour_is_readable_on_its_theme(qapp, name):
    theme.apply(qapp, name)
    palette = qapp.palette()
    backgrounds = {role.name: palette.color(QPalette.ColorGroup.Active, role) for role in
                   (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)}
    too_faint = {(key, where): round(contrast(QColor(value), bg), 2)
                 for key, value in colours.TEXT_COLOURS[name].items() for where, bg in backgrounds.items()
                 if contrast(QColor(value), bg) < 4.5}
    assert too_faint == {}
    assert colours.colour("status.adopted") == colours.TEXT_COLOURS[name]["status.adopted"]
    assert set(colours.TEXT_COLOURS["light"]) == set(colours.TEXT_COLOURS["dark"])  # no colour left to the other theme
    sheet = theme.style_sheet(name)
    assert "@" not in sheet.replace("@media", "")  # every placeholder filled in
    assert ":disabled" in sheet and "menu-indicator" in sheet
    theme.apply(qapp, "light")


def test_disabled_primary_button_looks_disabled(qtbot, qapp):
    from PySide6.QtWidgets import QPushButton
    on, off = QPushButton("提交评审"), QPushButton("提交评审")
    for b in (on, off):
        b.setObjectName("primary")
        qtbot.addWidget(b)
        b.resize(120, 32)
        b.show()
    off.setEnabled(False)
    qtbot.waitExposed(off)
    a, b = on.grab().toImage(), off.grab().toImage()
    assert a.pixelColor(6, 16) != b.pixelColor(6, 16)  # the fill differs, not only the text
