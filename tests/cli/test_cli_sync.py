"""`ideabank sync --hub URL` and `ideabank conflicts`: the stable JSON shapes, and one clear line
for a bad hub address."""
from __future__ import annotations

import json

import pytest

from app.cli import main


def run(capsys, *argv):  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sync_refuses_an_address_that_is_not_postgresql(tmp_path, capsys):
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "sync", "--hub", "sqlite:///x.db")
    assert code == 7 and out == "" and err.count("\n") == 1 and "PostgreSQL" in err


@pytest.mark.postgres
def test_sync_and_conflicts_json(tmp_path, capsys, postgres_db):
    data = str(tmp_path / "laptop")
    code, out, err = run(capsys, "--data-dir", data, "user", "add", "W001", "张三")
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", data, "--as", "W001", "project", "add", "--title", "断路器测温",
                         "--category", "小发明", "--json")
    assert code == 0, err
    code, out, err = run(capsys, "--data-dir", data, "sync", "--hub", postgres_db, "--json")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"hub", "pushed", "pulled", "seconds"}
    assert {"records", "batches", "applied", "unchanged", "deleted", "conflicts", "rejected", "parked",
            "unparked", "missing_blobs", "problems"} <= set(result["pushed"])
    assert result["pushed"]["records"] > 0 and result["pushed"]["rejected"] == 0
    code, out, err = run(capsys, "--data-dir", data, "conflicts", "--json")
    assert code == 0 and json.loads(out) == {"count": 0, "conflicts": []}
    code, out, err = run(capsys, "--data-dir", data, "conflicts", "resolve", "nope", "keep")
    assert code == 3 and err.count("\n") == 1
