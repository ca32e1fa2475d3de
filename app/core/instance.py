"""Who holds a data folder: one window per folder, and no restore while it is open.

The window holds an exclusive lock on `<data>/instance.lock` for as long as it runs; `ideabank
restore` takes the same lock for the few seconds it needs. The lock is the operating system's
(flock on POSIX, LockFileEx through msvcrt on Windows), so it goes away with the process that held
it: an instance killed with SIGKILL or a power cut leaves a file, never a lock that blocks the next
start. (The window's "raise the running window" uses QLocalServer in app/ui; this is the part
the core and the CLI share.)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from app.core.errors import StorageError
from app.core.i18n import t

LOCK_FILE = "instance.lock"


class FolderLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> bool:
        """True when this process now holds the folder; False when another one does."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())  # for people looking; the lock itself is what counts
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    def __enter__(self) -> FolderLock:
        if not self.acquire():
            raise in_use(self.path.parent)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def in_use(data_dir: Path) -> StorageError:
    return StorageError(t("数据文件夹 {p} 正被创新智慧库窗口使用，请先关闭窗口再试。",
                          "The data folder {p} is in use by an Idea Bank window: close the window and try again.",
                          p=data_dir))


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (sys.platform: the type checker knows it)
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, 0)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
