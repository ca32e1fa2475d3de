"""Dossier exports from the window: one project to a PDF, a batch that can be cancelled, roles."""
from __future__ import annotations

import pypdf
import pytest
from PySide6.QtWidgets import QDialog

from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui


def _window(qtbot, ctx):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_export_dossier_from_the_detail_pane(qtbot, bank, people, make_ctx, draft_data, tmp_path, monkeypatch):
    from app.core import projects
    from app.ui.dialogs.export import ExportDialog
    pid = projects.propose(bank, people["W001"], draft_data).value
    ctx = make_ctx(people["W001"])  # a worker exports the dossier of their own project
    window = _window(qtbot, ctx)
    page = window.page("bank")
    qtbot.waitUntil(lambda: page.detail.project_id == pid, timeout=5000)
    actions = {a.objectName(): a for a in page.detail.more_btn.menu().actions()}
    assert "exportDossier" in actions and page.detail.more_btn.isVisibleTo(page.detail)
    assert actions["exportDossier"].text() == "导出成果档案…"  # translated
    target = tmp_path / "out" / "档案"

    def fill(dlg):  # type: ignore[no-untyped-def]
        assert dlg.path.text().endswith(".pdf")  # a name is suggested from the project's number and title
        dlg.template.setCurrentIndex(dlg.template.findData("company_archive"))
        dlg.path.setText(str(target))
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ExportDialog, "exec", fill)
    target.parent.mkdir()
    actions["exportDossier"].trigger()
    wait_idle(qtbot, ctx, timeout=60000)
    qtbot.waitUntil(lambda: window.exporter.last is not None, timeout=5000)
    pdf = target.with_name("档案.pdf")
    assert window.exporter.last.files == [pdf] and pdf.exists()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages)
    assert draft_data["title"] in "".join(text.split())
    # workers cannot export batches or studio reports: those are hidden
    assert not window.export_batch_action.isVisible()
    assert not window.page("studios").report_btn.isVisibleTo(window.page("studios"))


def test_batch_export_stops_when_cancelled(qtbot, bank, people, make_ctx, draft_data, tmp_path):
    from app.core import projects
    for i in range(12):  # submitted: the leader sees them (a draft is private to its authors)
        projects.propose(bank, people["W001"], draft_data | {"title": f"想法{i}"}, submit=True)
    ctx = make_ctx(people["L001"])
    window = _window(qtbot, ctx)
    assert window.export_batch_action.isVisible()
    page = window.page("bank")
    qtbot.waitUntil(lambda: page.model.complete and len(page.model.ids) == 12, timeout=5000)
    exporter = window.exporter
    state = exporter.export_batch(list(page.model.ids), "national_wuxiao", tmp_path / "batch", combined=False)
    dlg = exporter.progress_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.value() >= 1, timeout=30000)  # the first dossier is written
    cancel = [b for b in dlg.findChildren(type(window.cancel_button)) if b.isVisible()]
    cancel[0].click()
    assert state.cancelled
    wait_idle(qtbot, ctx, timeout=60000)
    qtbot.waitUntil(lambda: exporter.last is not None, timeout=5000)
    out = exporter.last
    assert out.cancelled and 1 <= len(out.files) < 12
    assert sorted(p.name for p in (tmp_path / "batch").iterdir()) == sorted(p.name for p in out.files)
    assert exporter.progress_dialog is None


def test_annual_report_from_the_studios_page(qtbot, bank, people, make_ctx, draft_data, tmp_path):
    from app.core import projects
    projects.propose(bank, people["W001"], draft_data)
    ctx = make_ctx(people["L001"])
    window = _window(qtbot, ctx)
    studios = window.page("studios")
    assert studios.report_btn.isVisibleTo(studios)
    target = tmp_path / "report.pdf"
    window.exporter.export_report("王建国劳模创新工作室", None, target)
    wait_idle(qtbot, ctx, timeout=60000)
    qtbot.waitUntil(lambda: window.exporter.last is not None, timeout=5000)
    assert target.exists() and window.exporter.last.pages >= 1
    # a leader reporting on another studio is refused by the core, and told so
    shown = []
    ctx.show_error = lambda e, parent: shown.append(e)  # type: ignore[method-assign]
    window.exporter.export_report("输电工作室", None, tmp_path / "other.pdf")
    wait_idle(qtbot, ctx, timeout=30000)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert not (tmp_path / "other.pdf").exists()


def test_batch_of_the_filtered_list_into_one_combined_pdf(qtbot, bank, people, make_ctx, draft_data, tmp_path,
                                                          monkeypatch):
    from app.core import projects
    from app.ui.dialogs.export import ExportDialog
    for i in range(3):
        projects.propose(bank, people["W001"], draft_data | {"title": f"草稿想法{i}"})
    for i in range(2):
        projects.propose(bank, people["W001"], draft_data | {"title": f"已提交想法{i}"}, submit=True)
    ctx = make_ctx(people["L001"])
    window = _window(qtbot, ctx)
    page = window.page("bank")
    page.filters.status.setCurrentIndex(page.filters.status.findData("submitted"))
    qtbot.waitUntil(lambda: page.model.complete and len(page.model.ids) == 2, timeout=5000)
    target = tmp_path / "合并"

    def fill(dlg):  # type: ignore[no-untyped-def]
        assert dlg.batch == 2
        dlg.combined.setChecked(True)
        dlg.path.setText(str(target))
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ExportDialog, "exec", fill)
    window.export_batch_action.trigger()
    wait_idle(qtbot, ctx, timeout=60000)
    qtbot.waitUntil(lambda: window.exporter.last is not None, timeout=5000)
    pdf = tmp_path / "合并.pdf"
    assert window.exporter.last.files == [pdf] and not window.exporter.last.cancelled
    text = "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(pdf).pages)
    assert "已提交想法0" in text and "已提交想法1" in text and "草稿想法0" not in text
