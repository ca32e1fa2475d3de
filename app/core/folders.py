"""What kind of folder the data lives in: a network share (refused: SQLite's write-ahead log needs
the local locking and shared memory a network file system does not give, and two computers
writing one file through it corrupt it) or a read-only medium (opened for reading only).

Detection: /proc/mounts on Linux (the file system of the longest mount point above the folder),
GetDriveTypeW and UNC paths on Windows, `statfs` via `mount` output on macOS.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.core.errors import StorageError
from app.core.i18n import t

NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs", "lustre",
    "gpfs", "davfs", "webdav", "afpfs", "fuse.sshfs", "sshfs", "fuse.davfs2", "fuse.rclone", "fuse.glusterfs",
    "fuse.s3fs", "fuse.gcsfuse", "fuse.cephfs",
})
ALLOW_ENV = "IDEABANK_ALLOW_NETWORK_FOLDER"  # for those who know their share locks properly: a warning instead


def _unescape(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def fs_type(folder: Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount that holds `folder` (Linux: from /proc/mounts)."""
    if mounts is None:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    path = str(Path(folder).resolve())
    best, kind = "", None
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = _unescape(parts[1])
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def _windows_remote(folder: Path) -> bool:  # pragma: no cover - Windows only
    import ctypes
    text = str(folder.resolve())
    if text.startswith("\\\\"):
        return True
    drive = os.path.splitdrive(text)[0] + "\\"
    if sys.platform != "win32":  # never: called on Windows only (this tells the type checker that windll exists)
        return False
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # DRIVE_REMOTE


def _mac_type(folder: Path) -> str | None:  # pragma: no cover - macOS only
    try:
        out = subprocess.run(["df", "-T", str(folder)], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    lines = out.splitlines()
    return lines[-1].split()[1] if len(lines) > 1 and len(lines[-1].split()) > 1 else None


def is_network(folder: Path, mounts: str | None = None) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        return _windows_remote(folder)
    kind = _mac_type(folder) if sys.platform == "darwin" and mounts is None else fs_type(folder, mounts)
    return kind is not None and kind.lower() in NETWORK_TYPES


def check_local(folder: Path, mounts: str | None = None) -> str | None:
    """StorageError for a data folder on a network share; with IDEABANK_ALLOW_NETWORK_FOLDER=1 a
    warning to show instead (returned), else None."""
    if not is_network(folder, mounts):
        return None
    warning = t("数据文件夹 {p} 在网络共享上。SQLite 数据库在网络共享上会因锁失效而损坏，多台电脑同时写入尤甚。"
                "请把数据文件夹放在本机磁盘上；多台电脑共享数据请使用中心库（PostgreSQL）与同步。",
                "The data folder {p} is on a network share. A SQLite database on a network share can be "
                "corrupted because its locks do not hold there, all the more with several computers writing. "
                "Keep the data folder on a local disk; to share data between computers use the hub "
                "(PostgreSQL) and synchronisation.", p=folder)
    if os.environ.get(ALLOW_ENV) == "1":
        return warning
    raise StorageError(warning + t("（确需如此，可设环境变量 {e}=1 改为警告。）",
                                   " (If you must, set {e}=1 to be warned instead.)", e=ALLOW_ENV))


def is_read_only(folder: Path) -> bool:
    """A folder this program may read but not write (a backup medium, a DVD, a write-protected stick)."""
    return folder.is_dir() and os.access(folder, os.R_OK | os.X_OK) and not os.access(folder, os.W_OK)
