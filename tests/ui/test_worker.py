"""The serialized worker: one task at a time, results on the GUI thread, progress and cancel."""
from __future__ import annotations

import threading
import time

import pytest

from app.ui.worker import Cancelled, Worker

pytestmark = pytest.mark.gui


def test_tasks_run_one_at_a_time_in_order_off_the_gui_thread(qtbot):
    w = Worker()
    order, threads, results = [], set(), []
    for i in range(4):
        def task(state, i=i):  # type: ignore[no-untyped-def]
            threads.add(threading.get_ident())
            order.append(("start", i))
            time.sleep(0.01)
            order.append(("end", i))
            return i
        w.submit(task, done=lambda r: results.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: len(results) == 4, timeout=5000)
    assert order == [(k, i) for i in range(4) for k in ("start", "end")]
    assert threading.get_ident() not in threads
    assert [r for r, _ in results] == [0, 1, 2, 3]
    assert {t for _, t in results} == {threading.get_ident()}  # callbacks on the GUI thread
    qtbot.waitUntil(lambda: not w.busy)


def test_progress_and_cancel(qtbot):
    w = Worker()
    seen, failures = [], []
    started = threading.Event()

    def long_task(state):  # type: ignore[no-untyped-def]
        for i in range(1000):
            state.progress(i, 1000)
            started.set()
            state.check()
            time.sleep(0.005)
        return "finished"
    state = w.submit(long_task, failed=failures.append)
    state.sig_progress.connect(lambda d, t, _x: seen.append(d))
    started.wait(2)
    state.cancel()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], Cancelled)
    qtbot.waitUntil(lambda: not w.busy)
