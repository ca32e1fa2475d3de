"""GUI test fixtures: offscreen Qt, settings in a temporary folder, translators and CJK font loaded."""
from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def qapp_args():
    return ["ideabank-tests"]


@pytest.fixture(autouse=True)
def ui_settings(qapp, tmp_path, monkeypatch):
    """Every test gets empty QSettings and the Chinese interface (the first language)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.ui import i18n, theme
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QCoreApplication.setOrganizationName("IdeaBankTests")
    QCoreApplication.setApplicationName("ideabank-tests")
    i18n.install(qapp, "zh_CN")
    i18n.apply_font(qapp)
    theme.apply(qapp, "light")
    yield
    from app.core import i18n as core_i18n
    core_i18n.set_language("zh_CN")


@pytest.fixture
def make_ctx(bank):
    """UiContext for a person; waits for the workers at the end so no thread outlives the bank."""
    from app.ui.context import UiContext
    made = []

    def make(actor):  # type: ignore[no-untyped-def]
        ctx = UiContext(bank, actor)
        made.append(ctx)
        return ctx
    yield make
    for ctx in made:
        ctx.worker.wait()
        ctx.reader.wait()
        ctx.indexer.wait()


def wait_idle(qtbot, ctx, timeout=10000):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not ctx.worker.busy and not ctx.reader.busy, timeout=timeout)
