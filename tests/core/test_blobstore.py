"""Attachments on a PostgreSQL hub: the bytes go into the database with the row, so every
workstation (each with its own data folder) can open, index and export them."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from app.core import attachments, blobstore, projects, teams
from app.core import people as P
from app.core.bank import Bank
from db.models import Blob, BlobChunk


def test_a_desktop_bank_keeps_files_in_its_folder_only(bank, people, draft_data, tmp_path):
    pid = projects.propose(bank, people["W001"], draft_data).value
    f = tmp_path / "a.txt"
    f.write_bytes(b"hello")
    attachments.add(bank, people["W001"], pid, f)
    with bank.session() as s:
        assert s.scalar(select(func.count()).select_from(Blob)) == 0


@pytest.mark.postgres
def test_a_file_attached_on_one_workstation_opens_on_another(postgres_db, tmp_path, draft_data, monkeypatch):
    monkeypatch.setattr(blobstore, "CHUNK", 4)  # several chunks even for a small file
    a = Bank.open(tmp_path / "a", postgres_db)
    b = Bank.open(tmp_path / "b", postgres_db)
    try:
        P.add_user(a, a.actor(), "W1", "甲")
        worker = a.actor("W1")
        pid = projects.propose(a, worker, draft_data).value
        photo = tmp_path / "现场.png"
        photo.write_bytes(b"\x89PNG not really an image, but bytes")
        sha = hashlib.sha256(photo.read_bytes()).hexdigest()
        aid = attachments.add(a, worker, pid, photo).value
        with b.session() as s:
            assert s.scalar(select(func.count()).select_from(BlobChunk).where(BlobChunk.sha256 == sha)) == 9
        opened = attachments.path_of(b, aid)
        assert opened.read_bytes() == photo.read_bytes() and str(opened).startswith(str(tmp_path / "b"))
        # a team activity's attachment references travel the same way
        notes = tmp_path / "纪要.txt"
        notes.write_text("第一次攻关会议纪要", "utf-8")
        teams.create_team(a, a.actor(), "避雷器攻关队")
        teams.log_activity(a, a.actor(), "避雷器攻关队", "meeting", "首次会议", files=[notes])
        note_sha = hashlib.sha256(notes.read_bytes()).hexdigest()
        assert blobstore.local_path(b, note_sha).read_text("utf-8") == "第一次攻关会议纪要"
        assert blobstore.local_path(b, "0" * 64) is None  # nowhere: not an error, just absent
    finally:
        a.close()
        b.close()
