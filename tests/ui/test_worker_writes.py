"""The window never waits on the database: its writes run on the write worker, so another program
holding the SQLite write lock delays a draft, never the event loop; and nothing typed is lost on close."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QEvent, QObject, QTimer

from app.core import drafts
from app.ui.dialogs.propose import ProposeDialog

# Another program writing to the same database: it takes the write lock and keeps it until told.
HOLD_LOCK = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
"""


@pytest.fixture
def locked(bank):
    """Hold the database's write lock from another process; call the fixture's value to let go."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(bank.db_path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"

    def release() -> None:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
            assert proc.wait(10) == 0
    yield release
    release()


class Heartbeat(QObject):
    """Counts timer ticks and the paints they ask of a widget: both stop when the GUI thread blocks."""

    def __init__(self, widget) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.ticks = self.paints = 0
        self.widget = widget
        widget.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1
        self.widget.update()

    def eventFilter(self, obj, event) -> bool:  # type: ignore[no-untyped-def]
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def type_title(form: ProposeDialog, text: str) -> None:
    form.title.setText(text)
    form.title.textEdited.emit(text)


def test_a_draft_waits_for_a_locked_database_on_the_worker_while_the_form_keeps_painting(
        qtbot, bank, people, make_ctx, locked):
    me = people["W001"]
    form = ProposeDialog(make_ctx(me))
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    beat = Heartbeat(form.title)

    type_title(form, "锁住时写下的想法")
    started = time.monotonic()
    pending = form.autosave()
    assert pending is not None and time.monotonic() - started < 0.5  # handed to the worker, not waited on
    qtbot.wait(600)
    ticks, paints = beat.ticks, beat.paints
    assert ticks >= 5 and paints >= 5, (ticks, paints)  # the event loop ran and painted all along
    assert drafts.latest(bank, me) is None and form._draft_task is pending  # still waiting for the lock

    # Closing waits for the draft without blocking: the form stays up, painting, and keeps what
    # was typed after the pending save too.
    type_title(form, "锁住时写下的想法（补充）")
    form.reject()
    assert form.isVisible() and not form.cancel_btn.isEnabled()
    qtbot.wait(300)
    assert beat.ticks - ticks >= 3 and beat.paints > paints
    assert drafts.latest(bank, me) is None

    locked()  # the other program commits
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=20000)
    found = drafts.latest(bank, me)
    assert found is not None and found.form["title"] == "锁住时写下的想法（补充）"
    assert len(drafts.drafts_of(bank, me)) == 1  # the second save overwrote the first draft


def test_closing_the_window_cancels_the_running_task_then_lets_queued_writes_land(qtbot, bank, people, make_ctx):
    from app.ui.main_window import MainWindow
    me = people["W001"]
    ctx = make_ctx(me)
    window = MainWindow(ctx, start_search=False)
    qtbot.addWidget(window)
    window.show()
    running, outcome = [], []

    def long_task(state):  # type: ignore[no-untyped-def]
        running.append(True)
        while True:  # e.g. an export: it stops at its next check once cancelled
            state.check()
            time.sleep(0.01)
    ctx.run(long_task, failed=outcome.append, label="长任务")
    ctx.write(lambda: drafts.save(bank, me, {"title": "关窗前排队的草稿"}))
    qtbot.waitUntil(lambda: bool(running), timeout=5000)

    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < 5  # no waiting out the long task first
    assert drafts.latest(bank, me).form["title"] == "关窗前排队的草稿"  # the queued write landed before close returned
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert type(outcome[0]).__name__ == "Cancelled"


def test_a_write_does_not_wait_behind_an_export(qtbot, bank, people, make_ctx, draft_data):
    """Exports have their own thread: a draft saved while a batch of dossiers is written lands at once."""
    import threading

    from app.core import projects
    ctx = make_ctx(people["W001"])
    release = threading.Event()
    ctx.export(lambda state: release.wait(20), label="a long export")
    qtbot.waitUntil(lambda: ctx.exporter.busy, timeout=5000)
    landed: list = []
    ctx.write(lambda: projects.propose(bank, people["W001"], draft_data), done=landed.append)
    try:
        qtbot.waitUntil(lambda: bool(landed), timeout=5000)
        assert ctx.exporter.busy  # the export is still running
    finally:
        release.set()
    qtbot.waitUntil(lambda: not ctx.exporter.busy, timeout=5000)


def test_signing_in_waits_for_a_locked_database_while_the_dialog_keeps_painting(qtbot, bank, people, locked):
    """Signing in writes (the audit trail) before any window exists: on a thread of its own, so the
    dialog paints and says so while another program holds the write lock."""
    from app.ui.dialogs.signin import SignInDialog
    dlg = SignInDialog(bank)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    beat = Heartbeat(dlg.password)
    dlg.number.setText("W001")
    dlg.password.setText("worker-pass")
    during = []
    QTimer.singleShot(400, lambda: during.append((dlg.isEnabled(), dlg.error.text())))
    QTimer.singleShot(600, locked)  # the other program commits after a while
    started = time.monotonic()
    assert dlg.try_sign_in() and dlg.actor.employee_no == "W001"
    assert time.monotonic() - started >= 0.5  # it did wait for the lock
    assert during == [(False, "正在登录…")]
    assert beat.ticks >= 10 and beat.paints >= 5, (beat.ticks, beat.paints)  # the event loop ran all along
    assert dlg.isEnabled() and dlg.error.text() == ""
