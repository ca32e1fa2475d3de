"""Where the data folder is (issue 14 item 16): a network share is refused (or, when allowed,
warned about); a read-only folder (a backup medium, a disc) opens for reading only; one window per
data folder, and a killed one leaves no lock behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from app.cli import main
from app.core import folders, projects
from app.core.bank import Bank
from app.core.errors import StorageError
from app.core.instance import FolderLock
from app.core.queries import ProjectFilter, list_ids
from tests.faults import remount_read_only, small_fs

MOUNTS = """sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/share nfs4 rw,relatime 0 0
//nas/ideas /mnt/nas\\040box cifs rw 0 0
tmpfs /mnt/share/local tmpfs rw 0 0
"""


def test_the_file_system_of_a_folder():
    assert folders.fs_type("/home/someone/ideabank", MOUNTS) == "ext4"
    assert folders.is_network("/mnt/share/studio", MOUNTS)
    assert folders.is_network("/mnt/nas box/data", MOUNTS)  # the space of /proc/mounts' \\040
    assert not folders.is_network("/mnt/share/local/data", MOUNTS)  # a local mount inside the share
    assert not folders.is_network("/mnt/sharedrive", MOUNTS)  # a prefix of the name is not the mount


def test_a_data_folder_on_a_network_share_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(folders, "is_network", lambda folder, mounts=None: True)
    with pytest.raises(StorageError, match="网络共享"):
        Bank.open(tmp_path / "data")
    assert not (tmp_path / "data" / "ideabank.sqlite").exists()  # refused before the database is made
    monkeypatch.setenv(folders.ALLOW_ENV, "1")
    bank = Bank.open(tmp_path / "data")
    assert "网络共享" in bank.warning
    bank.close()


def test_a_read_only_folder_opens_for_reading(tmp_path, draft_data, capsys):
    with small_fs(tmp_path, "16m") as fs:
        data = fs / "data"
        bank = Bank.open(data)
        pid = projects.propose(bank, bank.actor(), draft_data).value
        bank.close()
        remount_read_only(fs)
        bank = Bank.open(data)
        assert bank.read_only
        assert list_ids(bank, ProjectFilter(viewer=bank.actor())) == [pid]
        with pytest.raises(StorageError, match="只读"):
            projects.propose(bank, bank.actor(), draft_data)
        bank.close()
        capsys.readouterr()
        assert main(["--data-dir", str(data), "project", "list", "--json"]) == 0
        assert pid in capsys.readouterr().out
        assert main(["--data-dir", str(data), "project", "add", "--title", "写不进去", "--category", "小革新"]) == 7
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "只读" in err


def test_the_folder_lock_goes_with_its_process(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from app.core.instance import FolderLock; "
                               f"assert FolderLock(Path({str(data)!r})).acquire(); print('held', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        lock = FolderLock(data)
        assert not lock.acquire()  # another process holds the folder
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        deadline = time.monotonic() + 5
        while not lock.acquire():
            assert time.monotonic() < deadline, "a killed holder's lock outlived it"
            time.sleep(0.05)
        assert (data / "instance.lock").exists()  # the file stays; it blocks nobody
        lock.release()
    finally:
        holder.kill()
