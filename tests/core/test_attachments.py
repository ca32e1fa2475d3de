"""Attachments: stored once by SHA-256, listed, opened, permission-checked."""
from __future__ import annotations

import hashlib

import pytest

from app.core import attachments, projects
from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.core.queries import project_detail


def test_same_bytes_stored_once(bank, people, draft_data, tmp_path):
    pid = projects.propose(bank, people["W001"], draft_data).value
    a = tmp_path / "现场照片.png"
    a.write_bytes(b"\x89PNG fake image")
    b = tmp_path / "copy.png"
    b.write_bytes(a.read_bytes())
    first = attachments.add(bank, people["W001"], pid, a).value
    second = attachments.add(bank, people["W001"], pid, b).value
    sha = hashlib.sha256(a.read_bytes()).hexdigest()
    stored = bank.data_dir / "attachments" / sha[:2] / sha
    assert stored.read_bytes() == a.read_bytes()
    assert attachments.path_of(bank, first) == attachments.path_of(bank, second) == stored
    infos = attachments.list_for(bank, pid)
    assert [i.name for i in infos] == ["现场照片.png", "copy.png"]
    assert infos[0].is_image and infos[0].mime == "image/png" and infos[0].size == a.stat().st_size
    assert not list((bank.data_dir / "attachments").glob(".incoming-*"))
    assert len(project_detail(bank, people["W001"], pid)["attachments"]) == 2


def test_only_owners_and_staff_attach(bank, people, draft_data, tmp_path):
    pid = projects.propose(bank, people["W001"], draft_data, submit=True).value
    f = tmp_path / "方案.pdf"
    f.write_bytes(b"%PDF-1.4")
    with pytest.raises(PermissionDenied):
        attachments.add(bank, people["W002"], pid, f)
    assert attachments.add(bank, people["L001"], pid, f).value
    assert attachments.list_for(bank, pid)[0].kind == "document"


def test_missing_file_and_missing_attachment(bank, people, draft_data, tmp_path):
    pid = projects.propose(bank, people["W001"], draft_data).value
    with pytest.raises(ValidationError):
        attachments.add(bank, people["W001"], pid, tmp_path / "nope.txt")
    with pytest.raises(NotFound):
        attachments.path_of(bank, "no-such-id")
