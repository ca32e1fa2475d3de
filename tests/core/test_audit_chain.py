"""The audit log is append-only and tamper-evident (issue 14 item 7): each entry is chained by hash
to the previous one of its site; `check` verifies the chain and names the first broken entry; the
database refuses UPDATE and DELETE on it; entries of other sites are checked against their own
site's chain."""
from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.cli import main
from app.core import discussion, integrity, projects, transfer
from db.audit_chain import GENESIS, entry_hash
from db.models import AuditLog


def audit_problems(bank):
    return [p for p in integrity.check_bank(bank, verify_files=False) if p.kind == "audit"]


@pytest.fixture
def history(bank, people, draft_data):
    pid = projects.propose(bank, people["W001"], draft_data).value
    projects.edit(bank, people["W001"], pid, {"title": "改过一次的标题"})
    projects.submit(bank, people["W001"], pid)  # a draft is private: others comment once it is submitted
    discussion.comment(bank, people["W002"], pid, "不错")
    with bank.session() as s:
        return s.execute(select(AuditLog.id, AuditLog.chain_seq, AuditLog.site_id)
                         .where(AuditLog.site_id == bank.site_id).order_by(AuditLog.chain_seq)).all()


def raw(bank):
    """What someone with the file and the sqlite3 tool can do: drop the guard, then edit."""
    conn = sqlite3.connect(bank.data_dir / "ideabank.sqlite", isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("DROP TRIGGER audit_log_no_delete")
    return conn


def test_entries_are_chained_and_check_clean(bank, people, history, tmp_path):
    assert [seq for _, seq, _ in history] == list(range(1, len(history) + 1))
    rows = [{"title": f"导入{i}", "category": "小革新"} for i in range(3)]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    transfer.import_projects(bank, people["admin"], path)  # bulk inserts join the chain too
    assert audit_problems(bank) == []
    with bank.session() as s:
        heads = integrity.audit_heads(s)
        last = s.execute(select(AuditLog).where(AuditLog.site_id == bank.site_id)
                         .order_by(AuditLog.chain_seq.desc()).limit(1)).scalar_one()
    assert {"site_id": bank.site_id, "seq": last.chain_seq, "hash": last.chain_hash} in heads


def test_the_database_refuses_to_change_or_delete_entries(bank, history):
    for statement in ("UPDATE audit_log SET new_value = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            with bank.engine.begin() as conn:
                conn.execute(text(statement))
    assert audit_problems(bank) == []


def test_an_altered_entry_is_named(bank, history):
    victim_id, victim_seq, _ = history[2]
    conn = raw(bank)
    conn.execute("UPDATE audit_log SET new_value = '\"篡改\"' WHERE id = ?", (victim_id,))
    [problem] = audit_problems(bank)
    assert problem.entity_id == victim_id and f"#{victim_seq}" in problem.message or f"第 {victim_seq} 条" in problem.message
    assert "改动" in problem.message


def test_a_removed_entry_and_a_cut_tail_are_named(bank, history):
    conn = raw(bank)
    conn.execute("DELETE FROM audit_log WHERE id = ?", (history[1][0],))
    [problem] = audit_problems(bank)
    assert "第 2–2 条" in problem.message and "不见了" in problem.message
    conn.execute("DELETE FROM audit_log WHERE chain_seq >= 2 AND site_id = ?", (history[0][2],))
    [problem] = audit_problems(bank)
    assert f"第 2–{len(history)} 条" in problem.message and "末尾" in problem.message


def test_a_rewritten_tail_does_not_match_the_head(bank, history):
    """Rewriting an entry and every hash after it is caught while the head is intact."""
    conn = raw(bank)
    rows = conn.execute("SELECT id, site_id, chain_seq, at, actor_id, entity, entity_id, action, field, old_value, "
                        "new_value, chain_hash FROM audit_log WHERE site_id = ? ORDER BY chain_seq",
                        (history[0][2],)).fetchall()
    keys = ["id", "site_id", "chain_seq", "at", "actor_id", "entity", "entity_id", "action", "field", "old_value",
            "new_value"]
    import datetime as dt
    prev = GENESIS
    for row in rows[:-1]:  # forge all but the last: the last's stored hash no longer follows
        entry = dict(zip(keys, row[:-1]))
        entry["at"] = dt.datetime.fromisoformat(entry["at"])
        if entry["chain_seq"] == 1:
            entry["new_value"] = '"伪造"'
            conn.execute("UPDATE audit_log SET new_value = ? WHERE id = ?", (entry["new_value"], entry["id"]))
        prev = entry_hash(prev, entry)
        conn.execute("UPDATE audit_log SET chain_hash = ? WHERE id = ?", (prev, entry["id"]))
    [problem] = audit_problems(bank)
    assert problem.entity_id == rows[-1][0]


def test_entries_from_another_site_are_checked_against_their_own_chain(bank, history):
    """Synchronised entries keep their site's numbering and hashes; a gap in what arrived is
    named as possibly not synchronised yet, and this site's own chain is untouched."""
    import datetime as dt
    other = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"
    prev, entries = GENESIS, []
    for seq in (1, 2, 3):
        entry = {"id": f"0190aaaa-0000-7000-8000-00000000000{seq}", "at": dt.datetime(2025, 3, seq, tzinfo=dt.timezone.utc),
                 "actor_id": None, "entity": "project", "entity_id": "x", "action": "edit", "field": "title",
                 "old_value": None, "new_value": f'"{seq}"', "site_id": other, "chain_seq": seq}
        prev = entry["chain_hash"] = entry_hash(prev, entry)
        entries.append(entry)
    with bank.write() as s:  # as the synchronisation inserts them: as they are, in the order they came
        for entry in (entries[2], entries[0]):
            s.add(AuditLog(**entry))
    [problem] = audit_problems(bank)
    assert other in problem.message and "尚未从该站点同步" in problem.message
    with bank.write() as s:
        s.add(AuditLog(**entries[1]))
    assert audit_problems(bank) == []


def test_cli_check_names_the_broken_entry(bank, history, capsys):
    raw(bank).execute("UPDATE audit_log SET action = 'nothing' WHERE id = ?", (history[0][0],))
    data = str(bank.data_dir)
    bank.close()
    capsys.readouterr()
    assert main(["--data-dir", data, "check", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [p["entity_id"] for p in out["problems"] if p["kind"] == "audit"] == [history[0][0]]
