"""One window per data folder.

The folder lock (app/core/instance.py: flock, gone with its process) decides who runs; a
QLocalServer named after the folder lets a second start ask the running window to come to the
front, after which the second start ends without ever opening the database. A server socket left
by a killed instance is removed before listening (QLocalServer.removeServer), so it blocks nothing.
A read-only folder (no lock file possible) relies on the server alone.
"""
from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.core.instance import FolderLock

RAISE = b"raise\n"


def server_name(data_dir: Path) -> str:
    key = f"{getpass.getuser()}:{Path(data_dir).expanduser().resolve()}".encode("utf-8", "surrogateescape")
    return "ideabank-" + hashlib.sha256(key).hexdigest()[:20]


class SingleInstance(QObject):
    sig_raise = Signal()
    """Another start for this data folder asked for the window."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        # Owned by the application, so Qt destroys the server and its sockets before Python exits.
        super().__init__(parent or QCoreApplication.instance())
        self.data_dir = Path(data_dir).expanduser()
        self.name = server_name(self.data_dir)
        self.lock = FolderLock(self.data_dir)
        self.server: QLocalServer | None = None

    def claim(self) -> bool:
        """True: this process is the one for the folder (it now listens). False: another one is,
        and it was asked to show its window."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            mine = self.lock.acquire()
        except OSError:  # a read-only folder: no lock file; the server alone decides
            mine = not self.ask_running()
        else:
            if not mine:
                self.ask_running()
        if mine:
            self._listen()
        return mine

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.release()

    def ask_running(self) -> bool:
        """Ask the program already running for this folder, if any, to show its window (True)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(2000):
            return False
        socket.write(RAISE)
        socket.flush()
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a socket file left by a killed instance
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_connection)
        self.server.listen(self.name)

    def _on_connection(self) -> None:
        while self.server is not None and (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE.strip()):
            self.sig_raise.emit()
        socket.disconnectFromServer()
