"""Fixtures shared by every test: a fresh bank on a temporary SQLite database, and people in it."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from tests.postgres_server import postgres_db, postgres_server, postgres_url  # noqa: F401

os.environ.setdefault("IDEABANK_LANG", "zh_CN")


@pytest.fixture(autouse=True)
def chinese_messages():
    """Core messages are Chinese in every test, whatever an earlier test (`--lang en`) chose."""
    from app.core import i18n
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


class FakeClock:
    """Injectable time: tests move it forward to reach deadlines and warnings."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def bank(tmp_path, clock):
    from app.core.bank import Bank
    b = Bank.open(tmp_path / "data", clock=clock)
    b.auto_backup_at_close = False  # tests of automatic backups open their own bank
    yield b
    b.close()


@pytest.fixture
def people(bank):
    return make_people(bank)


def make_people(bank):
    """A small organisation: a company, two workshops, two studios with their leaders, two workers and a base
    manager; the actors by employee number."""
    from app.core import people as P
    admin = bank.actor()
    P.add_unit(bank, admin, "国网示范供电公司", "company")
    P.add_unit(bank, admin, "变电运维车间", "workshop", parent="国网示范供电公司")
    P.add_unit(bank, admin, "输电运检车间", "workshop", parent="国网示范供电公司")
    P.add_user(bank, admin, "L001", "王建国", role="leader", unit="变电运维车间", skill_grade="高级技师",
               password="leader-pass")
    P.add_studio(bank, admin, "王建国劳模创新工作室", "provincial", unit="变电运维车间", leader="L001")
    P.add_user(bank, admin, "W001", "张三", unit="变电运维车间", studio="王建国劳模创新工作室", skill_grade="技师",
               password="worker-pass")
    P.add_user(bank, admin, "W002", "李四", unit="输电运检车间", skill_grade="高级工")
    P.add_user(bank, admin, "B001", "赵六", role="base")
    P.add_user(bank, admin, "L002", "孙七", role="leader", unit="输电运检车间")
    P.add_studio(bank, admin, "输电工作室", "unit", unit="输电运检车间", leader="L002")
    return {no: bank.actor(no) for no in ("admin", "L001", "W001", "W002", "B001", "L002")}


@pytest.fixture
def crews(bank, people):
    """`people` plus two crews under 输电运检车间 (线路一班, 线路二班) with a worker each (W011, W012)."""
    from app.core import people as P
    admin = people["admin"]
    P.add_unit(bank, admin, "线路一班", "crew", parent="输电运检车间")
    P.add_unit(bank, admin, "线路二班", "crew", parent="输电运检车间")
    P.add_user(bank, admin, "W011", "吴二", unit="线路一班")
    P.add_user(bank, admin, "W012", "郑三", unit="线路二班")
    return {**people, "W011": bank.actor("W011"), "W012": bank.actor("W012")}


@pytest.fixture
def draft_data():
    return {
        "title": "变电站巡检机器人防雨罩改进",
        "category": "小革新",
        "background": "雨天巡检时机器人摄像头进水，导致巡检中断。",
        "solution": "设计可自动开合的防雨罩，并加装排水槽。",
        "innovation_points": ["自动开合", "排水结构", "低成本改造"],
        "tags": ["变电站", "巡检机器人"],
        "expected_benefit": "1.2万",
    }


def pytest_configure(config):
    config.addinivalue_line("markers", "soak: long-running endurance test; only `make soak` (pytest -m soak) runs it")


def pytest_collection_modifyitems(config, items):
    # `make test` and CI must stay fast: soak tests run only when asked for by -m.
    if "soak" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="soak test: run with `make soak`")
    for item in items:
        if "soak" in item.keywords:
            item.add_marker(skip)


_exit_status = {"value": 0}


def pytest_sessionfinish(session, exitstatus):  # type: ignore[no-untyped-def]
    _exit_status["value"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):  # type: ignore[no-untyped-def]
    """After every result is reported: leave without the interpreter's teardown when Qt was loaded.
    PySide6 6.12 on Python 3.11 can abort there (bool_dealloc) after a long GUI run, which would
    turn a green run red; the run's own status is kept (the program does the same, app.ui.main.launch)."""
    import os
    import sys
    if "PySide6.QtCore" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_exit_status["value"])
