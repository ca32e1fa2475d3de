"""@mention candidates: told apart (unit, employee number), ranked, and only people who may see the project."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from app.core import discussion, mentions, projects
from app.core import people as P
from app.core.errors import PermissionDenied

STUDIO = "王建国劳模创新工作室"


def _project(bank, people, draft_data, **extra):
    return projects.propose(bank, people["W001"], draft_data | {"studio": STUDIO} | extra, submit=True).value


def _numbers(found):
    return [c.employee_no for c in found]


def test_same_studio_first_then_recent_participants_then_others(bank, people, draft_data, clock):
    pid = _project(bank, people, draft_data)
    clock.advance(hours=1)
    discussion.comment(bank, people["W002"], pid, "好主意")
    clock.advance(hours=1)
    discussion.comment(bank, people["L002"], pid, "我们也遇到过")  # the newer participant ranks higher
    found = mentions.candidates(bank, people["admin"], pid)
    # W001 (proposer) and L001 (leader) are the project's studio, the proposer first as a participant;
    # then the commenters, newest first; B001 never took part.
    assert _numbers(found) == ["W001", "L001", "L002", "W002", "B001"]
    assert [c.rank for c in found] == [mentions.SAME_STUDIO] * 2 + [mentions.PARTICIPANT] * 2 + [mentions.OTHER]
    by_no = {c.employee_no: c for c in found}
    assert by_no["W002"].unit == "输电运检车间" and by_no["W002"].name == "李四"
    assert by_no["B001"].unit is None
    assert "admin" not in by_no  # the writer is not offered


def test_without_a_project_the_writers_studio_comes_first(bank, people):
    found = mentions.candidates(bank, people["W001"])
    assert _numbers(found)[0] == "L001"
    assert "W001" not in _numbers(found)


def test_secret_project_offers_only_people_who_may_see_it(bank, people, draft_data):
    pid = _project(bank, people, draft_data, confidentiality="秘密")
    assert set(_numbers(mentions.candidates(bank, people["W001"], pid))) == {"L001", "admin"}
    with pytest.raises(PermissionDenied):
        mentions.candidates(bank, people["W002"], pid)  # nor may an outsider ask who takes part


def test_a_secret_project_does_not_tell_an_outsider_named_in_a_comment(bank, people, draft_data):
    from app.core.inbox import unread_count
    pid = _project(bank, people, draft_data, confidentiality="秘密")
    before = unread_count(bank, people["W002"])
    discussion.comment(bank, people["L001"], pid, "@李四 @张三 请看")
    assert unread_count(bank, people["W002"]) == before


def test_shared_names_are_written_as_employee_numbers(bank, people):
    admin = people["admin"]
    P.add_user(bank, admin, "W003", "张三", unit="输电运检车间")
    found = {c.employee_no: c for c in mentions.candidates(bank, admin)}
    assert found["W001"].token == "W001" and found["W003"].token == "W003"
    assert found["W001"].unit != found["W003"].unit
    assert found["W002"].token == "李四"
    P.add_user(bank, admin, "W005", "阿依·买买提")  # "·" ends an @mention: the number names her whole
    assert {c.employee_no: c for c in mentions.candidates(bank, admin)}["W005"].token == "W005"
    P.deactivate(bank, admin, "W003")  # people who left are not offered, and the name is unique again
    found = {c.employee_no: c for c in mentions.candidates(bank, admin)}
    assert "W003" not in found and found["W001"].token == "张三"


@pytest.mark.parametrize(("typed", "expected"), [
    ("zs", ["W001"]), ("ZHANGS", ["W001"]), ("三", ["W001"]), ("w00", ["W001", "W002"]),
    ("li", ["W002"]), ("", ["L001", "W001", "W002", "B001", "L002"]), ("xyz", []),
])
def test_matching_by_name_number_pinyin_and_initials(bank, people, typed, expected):
    found = mentions.matching(mentions.candidates(bank, people["admin"], None), typed)
    assert sorted(_numbers(found)) == sorted(expected)


def test_a_constant_number_of_queries_however_many_people(bank, people, draft_data):
    pid = _project(bank, people, draft_data)

    def statements():
        seen = []
        listener = lambda *a, **k: seen.append(1)  # noqa: E731
        event.listen(bank.engine, "before_cursor_execute", listener)
        try:
            mentions.candidates(bank, people["admin"], pid)
        finally:
            event.remove(bank.engine, "before_cursor_execute", listener)
        return len(seen)

    few = statements()
    for i in range(12):
        P.add_user(bank, people["admin"], f"X{i:03}", f"员工{i}", unit="变电运维车间", studio=STUDIO)
    assert statements() == few
