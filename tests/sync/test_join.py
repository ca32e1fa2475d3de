"""`ideabank site join --hub URL`: a new laptop becomes a site with an id and code of its own and
pulls the organisation, the projects its person may see and their attachments."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.core import attachments, projects
from app.core import people as P
from app.core.bank import Bank
from app.sync import hub, join
from db.models import Project, User
from tests.conftest import FakeClock

pytestmark = pytest.mark.postgres

DRAFT = {"title": "断路器储能电机过热报警", "category": "小发明", "background": "电机过热无人发现。",
         "solution": "加装温度开关。", "innovation_points": ["温度开关报警"]}


def test_a_new_laptop_joins_and_gets_what_its_person_may_see(tmp_path, postgres_db, capsys):
    office = Bank.open(tmp_path / "office", clock=FakeClock())
    try:
        admin = office.actor()
        P.add_unit(office, admin, "检修车间", "workshop")
        P.add_user(office, admin, "W001", "张三", unit="检修车间")
        P.add_user(office, admin, "W002", "李四", unit="检修车间")
        # Submitted: a draft would be private to its author (and travels only to its authors' sites).
        open_pid = projects.propose(office, office.actor("W001"), DRAFT, submit=True).value
        secret = projects.propose(office, office.actor("W001"), DRAFT | {"title": "秘密的",
                                                                         "confidentiality": "secret"},
                                  submit=True).value
        photo = tmp_path / "现场.jpg"
        photo.write_bytes(b"\xff\xd8 a photo")
        attachments.add(office, admin, open_pid, photo)
        hub.sync(office, admin, postgres_db)

        laptop = tmp_path / "laptop"
        code = main(["--data-dir", str(laptop), "--as", "W002", "site", "join", "--hub", postgres_db,
                     "--name", "检修车间笔记本", "--json"])
        assert code == 0, capsys.readouterr().err
        result = json.loads(capsys.readouterr().out)
        joined = Bank.open(laptop, clock=FakeClock())
        try:
            assert joined.site_id == result["site"]["id"] != office.site_id
            assert joined.site_code not in (office.site_code,)
            with joined.session() as s:
                assert {u.employee_no for u in s.scalars(select(User))} >= {"admin", "W001", "W002"}
                titles = set(s.scalars(select(Project.title)))
            assert DRAFT["title"] in titles and "秘密的" not in titles
            assert attachments.path_of(joined, attachments.list_for(joined, open_pid)[0].id).read_bytes() \
                == photo.read_bytes()
            # the new site numbers with its own code, and its ideas reach the office
            pid = projects.propose(joined, joined.actor("W002"), DRAFT | {"title": "笔记本上的想法"}).value
            with joined.session() as s:
                assert f"-{joined.site_code}-" in s.get(Project, pid).number
            hub.sync(joined, joined.actor("W002"), postgres_db)
            hub.sync(office, admin, postgres_db)
            with office.session() as s:
                assert s.get(Project, pid).title == "笔记本上的想法"
                assert s.get(Project, secret) is not None
        finally:
            joined.close()
    finally:
        office.close()


def test_new_site_codes_avoid_codes_in_use():
    taken = {f"{i:04X}" for i in range(0, 65536, 2)}  # every even code taken
    for _ in range(5):
        assert int(join.new_site_id(taken).replace("-", "")[-4:], 16) % 2 == 1
