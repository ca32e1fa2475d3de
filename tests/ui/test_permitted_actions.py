"""The window offers what the core's permission table allows: hidden when never the person's,
disabled with the core's reason when not theirs here, and nothing is asked before saying so."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def _pane(qtbot, make_ctx, actor, pid):
    from app.ui.widgets.detail import DetailPane
    pane = DetailPane(make_ctx(actor))
    qtbot.addWidget(pane)
    pane.show()
    pane.show_project(pid)
    return pane


def _menu_action(pane, name):
    return next((a for a in pane.more_btn.menu().actions() if a.objectName() == name), None)


def test_detail_pane_buttons_follow_the_table(qtbot, bank, people, make_ctx, draft_data):
    from app.core import projects
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value

    own_leader = _pane(qtbot, make_ctx, people["L001"], pid)
    assert own_leader.review_btn.isVisible() and own_leader.review_btn.isEnabled()
    assert own_leader.edit_btn.isEnabled()
    assert _menu_action(own_leader, "exportDossier").isEnabled()

    other_leader = _pane(qtbot, make_ctx, people["L002"], pid)  # another studio's leader
    assert other_leader.review_btn.isVisible() and not other_leader.review_btn.isEnabled()
    assert "所属工作室的领衔人" in other_leader.review_btn.toolTip()
    assert other_leader.edit_btn.isVisible() and not other_leader.edit_btn.isEnabled()
    export = _menu_action(other_leader, "exportDossier")
    assert export is not None and not export.isEnabled() and "成果档案" in export.toolTip()

    worker = _pane(qtbot, make_ctx, people["W002"], pid)  # never theirs: hidden, not disabled
    assert not worker.edit_btn.isVisible() and not worker.review_btn.isVisible()
    assert _menu_action(worker, "exportDossier") is None
    assert not worker.add_file_btn.isVisible()

    author = _pane(qtbot, make_ctx, people["W001"], pid)  # submitted: the author may no longer edit
    assert author.edit_btn.isVisible() and not author.edit_btn.isEnabled()
    assert "草稿" in author.edit_btn.toolTip()
    assert [a.text() for a in author.more_btn.menu().actions() if a.isEnabled()][:1] == ["撤回为草稿"]


def test_export_refused_before_a_file_is_chosen(qtbot, bank, people, make_ctx, draft_data, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

    from app.core import projects
    from app.ui.dialogs import export
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    told, asked = [], []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(export.ExportDialog, "exec", lambda self: asked.append(1) or QDialog.DialogCode.Rejected)
    window = QWidget()
    qtbot.addWidget(window)
    export.Exporter(make_ctx(people["L002"]), window).ask_dossier(pid)
    assert told and "只有" in told[0] and not asked  # told why; no file dialog was opened
    export.Exporter(make_ctx(people["L001"]), window).ask_dossier(pid)
    assert asked == [1]


def test_open_calls_offer_answers_only_to_who_may_answer(qtbot, bank, people, make_ctx):
    from app.core import teams
    from app.ui.pages.teams import CallBoard
    teams.post_call(bank, people["L001"], "雨天巡检", "摄像头进水", deadline="2999-12-31")
    call = teams.list_calls(bank)[0]["id"]
    teams.apply_call(bank, people["W001"], call, "我有经验")
    worker_page = CallBoard(make_ctx(people["W002"]))
    qtbot.addWidget(worker_page)
    worker_page.show()
    worker_page.show_call(call)
    assert not worker_page.accept_button.isVisible() and not worker_page.decline_button.isVisible()
    assert worker_page.apply_button.isEnabled()
    poster_page = CallBoard(make_ctx(people["L001"]))
    qtbot.addWidget(poster_page)
    poster_page.show()
    poster_page.show_call(call)
    assert poster_page.accept_button.isEnabled() and not poster_page.apply_button.isVisible()
