"""NUL, invalid Unicode and terminal control characters in forms, imports, JSON files and CLI
arguments (issue 14 items 8 and 10): NUL and lone surrogates are refused with one line and change
nothing; ESC sequences and other control characters are removed; newline and tab stay."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from app.cli import main
from app.core import discussion, projects, transfer
from app.core import people as P
from app.core.errors import ValidationError
from app.core.fields import clean_project_fields, clean_text, printable, text_problem
from app.core.queries import project_by_ref
from db.models import Comment, Project

RED = "\x1b[31m"
TITLE_ATTACK = f"{RED}红色标题\x1b[0m\x07\x1b]0;pwned\x07"


def test_the_rules():
    assert clean_text(f"a{RED}b\x1b[0m\tc\r\nd\re\x7f\x9b1mf\x1b(B") == "ab\tc\nd\nef"
    assert clean_text("平常的文字\n第二行") == "平常的文字\n第二行"
    assert text_problem("a\x00b") and text_problem("a\ud800b") and text_problem("\udcff")
    assert text_problem("正常") is None and text_problem("emoji 😀") is None
    assert printable(f"x{RED}y") == "x\\x1b[31my" and printable("\udcff") == "\\udcff"


def test_project_fields_refuse_nul_and_surrogates_and_strip_controls(draft_data):
    clean, problems = clean_project_fields(draft_data | {"title": TITLE_ATTACK, "background": "第一行\n\t第二行"})
    assert not problems
    assert clean["title"] == "红色标题" and clean["background"] == "第一行\n\t第二行"
    for bad in ("标题\x00", "标题\ud83d"):
        _clean, problems = clean_project_fields(draft_data | {"title": bad, "solution": bad,
                                                              "innovation_points": ["好", bad], "tags": [bad],
                                                              "patents": [{"title": bad}]})
        assert set(problems) == {"title", "solution", "innovation_points", "tags", "patents"}


def test_propose_and_comment_store_clean_text_or_nothing(bank, people, draft_data):
    worker = people["W001"]
    pid = projects.propose(bank, worker, draft_data | {"title": TITLE_ATTACK}).value
    assert project_by_ref(bank, pid)["title"] == "红色标题"
    with pytest.raises(ValidationError, match="NUL"):
        projects.propose(bank, worker, draft_data | {"title": "a\x00b"})
    # A comment goes through no field form: the write session's own check catches it.
    with pytest.raises(ValidationError, match="NUL"):
        discussion.comment(bank, worker, pid, "坏\x00评论")
    with pytest.raises(ValidationError):
        discussion.comment(bank, worker, pid, "坏\udcff评论")
    discussion.comment(bank, worker, pid, f"{RED}好评论\x1b[0m\n第二行")
    with bank.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 1
        assert list(s.scalars(select(Comment.body))) == ["好评论\n第二行"]
        assert s.scalar(select(Project.comment_count)) == 1
    with pytest.raises(ValidationError):
        P.add_user(bank, people["admin"], "W077", "名字\x00")


def test_import_rows_with_nul_or_surrogates_are_refused(bank, people, tmp_path):
    rows = [{"title": "好的项目", "category": "小革新"}, {"title": "坏\x00项目", "category": "小革新"},
            {"title": "\ud800坏项目", "category": "小革新"}, {"title": f"{RED}染色", "category": "小革新"}]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(rows), encoding="utf-8")  # json escapes both as \\u0000 and \\ud800
    with pytest.raises(transfer.ImportFailed) as err:
        transfer.import_projects(bank, people["admin"], path)
    assert {e.row for e in err.value.errors} == {2, 3}
    with bank.session() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 0


def test_cli_arguments_and_json_files(bank, people, draft_data, tmp_path, capsys):
    data = str(bank.data_dir)
    bank.close()
    base = ["--data-dir", data]
    assert main(base + ["project", "add", "--title", "标题\udcff", "--category", "小革新"]) == 2
    assert main(base + ["project", "add", "--title", f"{RED}标题", "--category", "小革新"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err and RED not in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "\\ud800 标题", "category": "小革新"}', encoding="utf-8")
    assert main(base + ["project", "add", "--from-json", str(bad)]) == 2
    assert "Traceback" not in capsys.readouterr().err
    nul = tmp_path / "nul.json"
    nul.write_text('{"title": "a\\u0000b", "category": "小革新"}', encoding="utf-8")
    assert main(base + ["project", "add", "--from-json", str(nul)]) == 2
    # Text stored raw before these rules existed is shown with visible escapes, not executed.
    assert main(base + ["project", "add", "--title", "普通标题", "--category", "小革新"]) == 0
    pid = capsys.readouterr().out.strip()
    from app.core.bank import Bank
    b = Bank.open(data)
    with b.engine.begin() as conn:
        conn.execute(text("UPDATE projects SET title = :t WHERE id = :i"), {"t": f"{RED}旧数据", "i": pid})
        assert conn.execute(text("SELECT count(*) FROM projects")).scalar() == 1
    b.close()
    assert main(base + ["project", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\\x1b[31m旧数据" in out
    assert main(base + ["project", "show", pid]) == 0
    assert "\x1b" not in capsys.readouterr().out
