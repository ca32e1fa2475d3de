"""Attachments: stored once by SHA-256, listed, opened, permission-checked."""
from __future__ import annotations

import hashlib
import os

import pytest

from app.core import attachments, projects
from app.core.errors import NotFound, PermissionDenied, StorageError, ValidationError
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


def test_opening_uses_a_private_fresh_copy(bank, people, draft_data, tmp_path):
    """Issue 14 item 4: no predictable shared path (the old ideabank-open/<hash>/<name>, mode 0644,
    reused as found); a private folder (0700) and a file this program wrote itself, every time."""
    import stat
    import tempfile
    from pathlib import Path

    pid = projects.propose(bank, people["W001"], draft_data).value
    source = tmp_path / "方案.pdf"
    source.write_bytes(b"%PDF-1.4 real content")
    aid = attachments.add(bank, people["W001"], pid, source).value
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    # Someone else plants a file where the old code would have looked, and would have opened it as-is.
    planted = Path(tempfile.gettempdir()) / "ideabank-open" / sha[:16] / "方案.pdf"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_bytes(b"%PDF-1.4 planted by someone else")
    try:
        first = attachments.copy_to_open(bank, aid)
        second = attachments.copy_to_open(bank, aid)
    finally:
        planted.unlink()
    assert first.name == "方案.pdf" and first.read_bytes() == source.read_bytes()
    assert first != second and second.read_bytes() == source.read_bytes()
    private = first.parent.parent
    assert private == second.parent.parent and private.name.startswith("ideabank-open-")
    assert stat.S_IMODE(private.stat().st_mode) == 0o700 and private.stat().st_uid == os.getuid()
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    # A stored file whose bytes changed is refused, not handed to a viewer.
    stored = bank.data_dir / "attachments" / sha[:2] / sha
    stored.write_bytes(b"%PDF-1.4 tampered")
    with pytest.raises(StorageError, match="损坏"):
        attachments.copy_to_open(bank, aid)
    # A name from another system cannot climb out of the folder.
    stored.write_bytes(source.read_bytes())
    odd = attachments.private_copy(bank, sha, "..\\..\\evil.pdf")
    assert odd.name == "evil.pdf" and odd.parent.parent == private
