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


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch):
    """Message boxes never block a test: each is recorded here instead of shown (a test that
    wants another answer patches QMessageBox itself). A box reporting an unexpected error (a bug:
    the Critical box of UiContext.show_error) fails the test with its text, instead of hanging
    the run on a modal dialog nobody will close."""
    from PySide6.QtWidgets import QMessageBox
    shown: list[tuple[str, str, str]] = []

    def static(kind, answer):  # type: ignore[no-untyped-def]
        def box(parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
            shown.append((kind, title, text))
            return answer
        return staticmethod(box)

    def exec_(self):  # type: ignore[no-untyped-def]
        kind = "critical" if self.icon() == QMessageBox.Icon.Critical else "box"
        shown.append((kind, self.windowTitle(), self.text() + "\n" + self.detailedText()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", static("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", static("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", static("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", static("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    yield shown
    bugs = [f"{title}: {text}" for kind, title, text in shown if kind == "critical"]
    if bugs:
        pytest.fail("an error box was shown:\n" + "\n".join(bugs))


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
    qtbot.waitUntil(lambda: not ctx.worker.busy and not ctx.reader.busy and not ctx.exporter.busy, timeout=timeout)
