"""`ideabank demo / import / export / check / backup` through the real entry point (a subprocess)."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

# The installed console script; from a bare checkout, the same main() it calls.
SCRIPT = Path(sys.executable).with_name("ideabank")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())"]
ROOT = Path(__file__).resolve().parents[2]


def ideabank(data_dir, *args, check=True):
    env = dict(os.environ, IDEABANK_LANG="zh_CN", IDEABANK_HOME=str(data_dir))
    proc = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert "Traceback" not in proc.stderr, proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("cli-demo")
    proc = ideabank(home, "demo", "--projects", "400", "--seed", "7", "--json")
    counts = json.loads(proc.stdout)
    assert counts["projects"] == 400 and counts["people"] == 2000
    assert "400/400" in proc.stderr  # progress goes to stderr, stdout stays JSON
    return home


def test_demo_then_list_adopted_as_json(demo_home):
    data = json.loads(ideabank(demo_home, "project", "list", "--status", "adopted", "--json").stdout)
    assert data["total"] > 0 and data["projects"]
    for p in data["projects"]:
        assert p["status"] == "adopted" and {"id", "title", "category", "status"} <= set(p)


def test_demo_refuses_a_bank_with_projects(demo_home):
    proc = ideabank(demo_home, "demo", "--projects", "5", check=False)
    assert proc.returncode == 6
    assert len(proc.stderr.strip().splitlines()) == 1 and "--append" in proc.stderr


def test_check_and_backup(demo_home, tmp_path):
    assert json.loads(ideabank(demo_home, "check", "--json").stdout) == {"ok": True, "problems": []}
    target = tmp_path / "backup.sqlite"
    ideabank(demo_home, "backup", str(target))
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM projects").fetchone() == (400,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    proc = ideabank(demo_home, "backup", str(demo_home / "ideabank.sqlite"), check=False)
    assert proc.returncode == 2 and "备份文件不能是数据库本身" in proc.stderr

    # The backup is a complete bank: open it as one, damage a counter, and the check says so.
    restored = tmp_path / "restored"
    restored.mkdir()
    target.rename(restored / "ideabank.sqlite")
    with sqlite3.connect(restored / "ideabank.sqlite") as conn:
        conn.execute("UPDATE projects SET vote_count = vote_count + 1 WHERE number = (SELECT min(number) FROM projects)")
    proc = ideabank(restored, "check", check=False)
    assert proc.returncode == 1 and "[counter]" in proc.stdout


def test_backup_on_postgresql_points_to_pg_dump(postgres_db, tmp_path):
    proc = ideabank(tmp_path, "--db-url", postgres_db, "backup", str(tmp_path / "b.sqlite"), check=False)
    assert proc.returncode == 7 and "pg_dump" in proc.stderr
    assert json.loads(ideabank(tmp_path, "--db-url", postgres_db, "check", "--json").stdout)["ok"] is True


def test_export_import_round_trip_and_a_bad_file(demo_home, tmp_path):
    exported = tmp_path / "completed.xlsx"
    ideabank(demo_home, "export", str(exported), "--status", "已完成")
    fresh = tmp_path / "fresh"
    ideabank(fresh, "demo", "--projects", "0")  # the same organisation, so proposers resolve
    dry = json.loads(ideabank(fresh, "import", str(exported), "--dry-run", "--json").stdout)
    assert dry["ok"] and dry["dry_run"] and dry["imported"] > 0
    assert json.loads(ideabank(fresh, "project", "list", "--json").stdout)["total"] == 0
    ideabank(fresh, "import", str(exported))
    listed = json.loads(ideabank(fresh, "project", "list", "--json", "--limit", "1000").stdout)
    assert listed["total"] == dry["imported"] and {p["status"] for p in listed["projects"]} == {"completed"}

    bad = tmp_path / "bad.csv"
    bad.write_text("title,category\n好标题,不存在的分类\n", encoding="utf-8")
    proc = ideabank(fresh, "import", str(bad), check=False)
    assert proc.returncode == 2 and "第 2 行 category（B 列）" in proc.stderr  # named as the sheet does
    assert json.loads(ideabank(fresh, "project", "list", "--json").stdout)["total"] == dry["imported"]
