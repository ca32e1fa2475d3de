"""The window's data tools (issue 14 items 6, 13-16): Check database (on the worker, with progress,
then Repair), Restore from a backup, Locked accounts; the offer to restore when the store is
damaged; one window per data folder."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import update

from app.core import auth, backups, projects
from app.core.errors import PermissionDenied
from app.core.instance import FolderLock
from db.models import Project
from tests.ui.conftest import wait_idle

pytestmark = pytest.mark.gui

TOOLS = {"tool_check_database", "tool_back_up", "tool_restore", "tool_unlock_accounts"}


def _window(qtbot, ctx):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_tools_are_for_administrators(qtbot, bank, people, make_ctx):
    admin = _window(qtbot, make_ctx(people["admin"]))
    assert TOOLS <= {a.objectName() for a in admin.tools_menu.actions()}
    leader = _window(qtbot, make_ctx(people["L001"]))
    assert not TOOLS & {a.objectName() for a in leader.tools_menu.actions()}


def test_back_up_now_on_postgresql_says_to_use_pg_dump(qtbot, bank, people, make_ctx, monkeypatch, tmp_path,
                                                     message_boxes):
    """A bank without a SQLite file (a PostgreSQL hub) is not copied: one clear line, as the CLI says,
    not an unexpected error. (The window once handed the missing file on to the copy.)"""
    from PySide6.QtWidgets import QFileDialog, QWidget

    from app.core.bank import Bank
    from app.ui.tools.data import back_up
    target = tmp_path / "copy.sqlite"
    monkeypatch.setattr(Bank, "db_path", property(lambda self: None))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    ctx = make_ctx(people["admin"])
    parent = QWidget()
    qtbot.addWidget(parent)
    back_up(ctx, parent)
    wait_idle(qtbot, ctx)
    assert [kind for kind, _title, text in message_boxes if "pg_dump" in text] == ["warning"]
    assert not target.exists()


def test_check_database_runs_on_the_worker_then_repairs(qtbot, bank, people, make_ctx, draft_data):
    from app.ui.dialogs.data import CheckDialog, check_database
    pid = projects.propose(bank, people["W001"], draft_data).value
    with bank.write() as s:
        s.execute(update(Project).where(Project.id == pid).values(comment_count=3))
    ctx = make_ctx(people["admin"])
    window = _window(qtbot, ctx)
    steps = []
    state = check_database(ctx, window)
    state.sig_progress.connect(lambda d, n, what: steps.append((d, n)))
    qtbot.waitUntil(lambda: window.findChild(CheckDialog) is not None, timeout=20000)
    dialog = window.findChild(CheckDialog)
    assert steps and steps[-1] == (5, 5)  # the status bar followed the check step by step
    assert len(dialog.problems) == 1 and dialog.repair_button.isVisible()
    dialog.start_repair()
    wait_idle(qtbot, ctx, 20000)
    assert dialog.problems == [] and not dialog.repair_button.isVisible()
    assert dialog.list.count() == 1 and "重新计数" in dialog.list.item(0).text()
    assert "完好" in dialog.summary.text()


def test_restore_from_a_backup_signs_everyone_out(qtbot, bank, people, make_ctx, draft_data, message_boxes):
    from app.ui.dialogs.data import RestoreDialog, restore_backup
    taken = backups.take(bank.data_dir, "auto")
    projects.propose(bank, people["W001"], draft_data | {"title": "备份之后才有"})
    ctx = make_ctx(people["admin"])
    window = _window(qtbot, ctx)
    dialog = RestoreDialog(ctx, window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == taken.name
    with qtbot.waitSignal(window.sig_sign_out, timeout=30000):
        restore_backup(ctx, window, taken, confirm=False)
    assert [kind for kind, _title, _text in message_boxes] == ["information"]  # "please sign in again"
    from app.core.queries import ProjectFilter, count
    assert count(bank, ProjectFilter()) == 0  # the store is the backup's: the later project is gone
    assert any(b.kind == "before-restore" for b in backups.list_backups(bank.data_dir))


def test_locked_accounts_dialog_unlocks(qtbot, bank, people, make_ctx):
    from app.ui.dialogs.data import UnlockDialog
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            auth.sign_in(bank, "W001", "wrong")
    ctx = make_ctx(people["admin"])
    dialog = UnlockDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "W001"
    dialog.unlock_selected()
    wait_idle(qtbot, ctx)
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible() is False or dialog.empty.isVisibleTo(dialog)
    assert auth.sign_in(bank, "W001", "worker-pass").employee_no == "W001"


def test_a_damaged_store_at_start_offers_its_backup(qtbot, tmp_path, monkeypatch, draft_data):
    from app.core.bank import Bank
    from app.ui import main as gui
    from app.ui.dialogs import data as dialogs
    data = tmp_path / "data"
    bank = Bank.open(data)
    projects.propose(bank, bank.actor(), draft_data)
    bank.close()
    good = backups.take(data, "auto")
    with open(data / "ideabank.sqlite", "r+b") as fh:
        fh.seek(4096)
        fh.write(os.urandom(4096 * 3))
    offered = []
    monkeypatch.setattr(dialogs, "offer_restore", lambda parent, error, allow_fresh: offered.append(
        (error.backup.path, allow_fresh)) or "restore")
    bank = gui.open_bank(data, None)
    try:
        assert offered == [(good, True)]  # the newest sound backup

        bank.verify()
        assert bank.actor().employee_no == "admin"
        assert len(backups.damaged_stores(data)) == 1
    finally:
        bank.close()


def test_one_window_per_data_folder(qtbot, tmp_path):
    from app.ui.single_instance import SingleInstance
    data = tmp_path / "data"
    first = SingleInstance(data)
    assert first.claim()
    try:
        second = SingleInstance(data)
        with qtbot.waitSignal(first.sig_raise, timeout=5000):
            assert not second.claim()
        # A second start of the program: asks the first to come forward and never opens the database.
        env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data)], capture_output=True, text=True,
                              timeout=120, env=env)
        assert done.returncode == 0 and "已在另一个窗口" in done.stderr or "already open" in done.stderr, done.stderr
        assert sorted(p.name for p in data.iterdir()) == ["instance.lock"]
    finally:
        first.release()


def test_a_killed_instance_blocks_nothing(qtbot, tmp_path):
    from app.ui.single_instance import SingleInstance
    data = tmp_path / "data"
    script = ("import sys, time; from pathlib import Path; from PySide6.QtCore import QCoreApplication; "
              "from app.ui.single_instance import SingleInstance; app = QCoreApplication([]); "
              f"s = SingleInstance(Path({str(data)!r})); print(s.claim(), flush=True); app.exec()")
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    try:
        assert holder.stdout.readline().strip() == "True"
        assert not FolderLock(data).acquire()
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        again = SingleInstance(data)
        deadline = time.monotonic() + 5
        while not again.claim():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert again.server is not None and again.server.isListening()  # the dead one's socket is gone
        again.release()
    finally:
        holder.kill()
