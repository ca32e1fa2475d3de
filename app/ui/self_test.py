"""`ideabank-gui --self-test`: prove that this copy of the program is complete, then exit.

The packaged build runs it (tests/test_bundle.py), so a page module, a translation or the bundled
font that did not make it into the bundle fails the build's tests, not a user. It builds the main
window for the data folder's local administrator (who sees every page), visits every page, closes
the window and prints one JSON line: the pages shown, the language and whether its catalogue
translated, and the font families loaded from the program's own resources/fonts. Nothing waits
for input and nothing of the bank's content is printed. Exit 0 when all of it worked, 1 otherwise.
"""
from __future__ import annotations

import atexit
import json
import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when run, as the rest of the window
    from PySide6.QtWidgets import QApplication

    from app.core.bank import Bank


def _settle(app: QApplication, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def run(app: QApplication, bank: Bank, language: str) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFontDatabase

    from app.ui import i18n
    from app.ui.context import UiContext
    from app.ui.main_window import MainWindow

    # "Teams" is in every catalogue: translated unless the language is the source language.
    translated = QCoreApplication.translate("Pages", "Teams") != "Teams"
    bundled = [family for path in sorted(i18n.FONT_DIR.glob("*.tt[fc]"))
               for family in QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path)))]
    ctx = UiContext(bank, bank.actor())
    window = MainWindow(ctx, start_search=False)
    window.show()
    shown = []
    for row, spec in enumerate(window.specs):
        window.show_page_at(row)
        window.current_page().reload()
        _settle(app, 0.1)
        shown.append(spec.key)
    window.close()
    ctx.worker.wait()
    report = {"pages": shown, "language": language, "translated": translated or language == "en",
              "bundled_fonts": bundled, "window_icon": not app.windowIcon().isNull()}
    print(json.dumps(report, ensure_ascii=False))
    code = 0 if shown and report["translated"] and report["window_icon"] else 1
    # PySide6 6.12 on Python 3.11 can abort in the interpreter's final garbage collection after
    # many Qt calls ("none_dealloc", see app/ui/screenshots.py); the check is done by then, so once
    # the caller has closed the bank and released the folder, leave before that collection.
    atexit.register(_leave, code)
    return code


def _leave(code: int) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
