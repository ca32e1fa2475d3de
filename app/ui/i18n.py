"""Language and fonts: Qt translators (qtbase first, then the app's) and a CJK font from the system."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.core import i18n as core_i18n

LANGUAGES = ("zh_CN", "en")
I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
# Families that carry Simplified Chinese, best first (Linux, Windows, macOS).
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
                "WenQuanYi Zen Hei", "Microsoft YaHei", "Microsoft YaHei UI", "SimHei", "PingFang SC",
                "Droid Sans Fallback", "AR PL UMing CN")
FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "C:/Windows/Fonts/msyh.ttc")

_installed: list[QTranslator] = []

# Qt's marker for a string translated later (lupdate finds it by name): it returns the message, but
# PySide6's stubs say `object`. Import it from here, typed as what it is.
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


def chosen_language(cli_lang: str | None = None) -> str:
    """--lang, then the saved setting, then IDEABANK_LANG, then zh_CN (the first language)."""
    for candidate in (cli_lang, QSettings().value("language"), os.environ.get("IDEABANK_LANG")):
        if candidate:
            return "en" if str(candidate).lower().startswith("en") else "zh_CN"
    return "zh_CN"


def install(app: QCoreApplication, language: str) -> str:
    """Load the translators for `language` (replacing earlier ones) and set the locale for dates
    and numbers; the core's messages follow the same language."""
    language = "en" if language.lower().startswith("en") else "zh_CN"
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    own = QTranslator(app)
    if own.load(f"ideabank_{language}", str(I18N_DIR)):
        app.installTranslator(own)
        _installed.append(own)
    QLocale.setDefault(QLocale("zh_CN") if language == "zh_CN"
                       else QLocale("en_US"))
    core_i18n.set_language(language)
    return language


def find_cjk_family() -> str | None:
    """A font family that renders Chinese: an installed one, else one loaded from a known file."""
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    candidates = sorted(FONT_DIR.glob("*.tt[fc]")) + sorted(FONT_DIR.glob("*.otf")) + [Path(p) for p in FONT_FILES]
    for path in candidates:
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if loaded:
                return loaded[0]
    return None


def apply_font(app: QApplication) -> str | None:
    """Make Chinese render everywhere: the CJK family becomes the application font."""
    family = find_cjk_family()
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *font.families()] if hasattr(font, "setFamilies") else [family])
        if font.pointSizeF() < 9.5:
            font.setPointSizeF(10)
        app.setFont(font)
    return family
