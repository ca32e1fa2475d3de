"""One serialized background worker for database, index, export and sync work.

After Anki's CollectionOp and Orange's TaskState: work runs on a single thread (so writes never
race each other), reports progress through a TaskState, notices cancellation, and hands its result
back to the GUI thread through a signal. Nothing here touches widgets from the worker thread.
"""
from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance, Slot

from app.core.errors import Cancelled  # raised inside a task by TaskState.check() once cancel is pressed

T = TypeVar("T")


class TaskState(QObject):
    """What a running task sees: report progress, ask whether it was cancelled."""

    sig_progress = Signal(int, int, str)
    """(done, total, text) — total 0 means unknown."""

    def __init__(self, label: str = "") -> None:
        super().__init__()
        self.label = label
        self._cancel = threading.Event()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self.sig_progress.emit(int(done), int(total), text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()


class _Relay(QObject):
    """Lives in the GUI thread; its signals carry the outcome across threads."""

    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, done: Callable[[Any], None] | None, failed: Callable[[BaseException], None] | None,
                 parent: QObject | None = None, *, once: bool = False) -> None:
        super().__init__(parent)
        self._done, self._failed = done, failed
        self._once = once
        self.sig_done.connect(self._on_done)
        self.sig_failed.connect(self._on_failed)

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        callback = self._done
        self._settle()
        if callback:
            _deliver_to_gui(callback, result)

    @Slot(object)
    def _on_failed(self, error: BaseException) -> None:
        callback = self._failed
        self._settle()
        if callback:
            _deliver_to_gui(callback, error)

    def _settle(self) -> None:
        """A one-task relay lets go of its callbacks (they hold widgets) here, on the GUI thread, and
        is deleted by the GUI thread's event loop: never by the worker thread that held it last, nor
        by a garbage collection running there."""
        if self._once:
            self._done = self._failed = None
            self.deleteLater()


def _deliver_to_gui(callback: Callable[[Any], None], value: Any) -> None:
    """Call back into the GUI; a widget closed while its task ran simply misses the answer."""
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc) and "has been deleted" not in str(exc):
            raise


def alive(obj: QObject | None) -> bool:
    """False once Qt has deleted the object behind a Python wrapper."""
    import shiboken6
    return obj is not None and shiboken6.isValid(obj)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskState], Any], state: TaskState, relay: _Relay, finished: Callable[[], None]) -> None:
        super().__init__()
        self.fn, self.state, self.relay, self.finished = fn, state, relay, finished
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.state.cancelled:
                raise Cancelled()
            result = self.fn(self.state)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported to the GUI
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]  # an attribute of our own on any exception; read with getattr
            self._deliver(self.relay.sig_failed, exc)
        else:
            self._deliver(self.relay.sig_done, result)
        finally:
            try:
                self.finished()
            except RuntimeError:
                pass

    @staticmethod
    def _deliver(signal: SignalInstance, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the GUI side is gone (the program is closing): nobody to tell
            pass


class Worker(QObject):
    """The single background worker. `submit(fn, done=..., failed=...)` runs fn(state) off the GUI thread."""

    sig_busy = Signal(bool)
    """True while any task is queued or running."""
    sig_task_started = Signal(object)
    """A TaskState whose task was queued (for a progress bar with a cancel button)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # serialized: one write at a time, in submission order
        self._pending = 0
        self._lock = threading.Lock()
        self._finished_relay = _Relay(lambda _: self._one_finished(), None, self)  # goes with the worker
        self._running: TaskState | None = None  # set on the worker thread while a task runs

    def submit(self, fn: Callable[[TaskState], Any], *, done: Callable[[Any], None] | None = None,
               failed: Callable[[BaseException], None] | None = None, label: str = "") -> TaskState:
        state = TaskState(label)
        relay = _Relay(done, failed, self, once=True)  # owned by the worker until it has answered
        with self._lock:
            self._pending += 1
        if self._pending == 1:
            self.sig_busy.emit(True)
        self.sig_task_started.emit(state)
        def run(st: TaskState) -> Any:
            self._running = st
            try:
                return fn(st)
            finally:
                self._running = None
        self.pool.start(_Job(run, state, relay, lambda: self._finished_relay.sig_done.emit(None)))
        return state

    def _one_finished(self) -> None:
        with self._lock:
            self._pending -= 1
            idle = self._pending == 0
        if idle:
            self.sig_busy.emit(False)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def cancel_running(self) -> None:
        """Ask the task running now to stop at its next check. Queued tasks still run: they are
        writes someone is owed (a draft saved on the way out)."""
        state = self._running
        if state is not None:
            state.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the queue is empty (tests and shutdown)."""
        return self.pool.waitForDone(msecs)


def while_painting(fn: Callable[[], T]) -> T:
    """fn() on a thread of its own while this (GUI) thread goes on handling events: for the few
    writes made before any window and its worker exist (signing in, a first password), which may
    wait up to the busy timeout for another program's write lock. The caller disables what would
    start it again meanwhile. Returns fn's result or raises its exception."""
    from PySide6.QtCore import QEventLoop

    worker, loop = Worker(), QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()
    # The result arrives as a queued signal, so never before the loop below runs.
    worker.submit(lambda _state: fn(), done=lambda r: finish("value", r), failed=lambda e: finish("error", e))
    loop.exec()
    worker.wait()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
