"""Every lifecycle action from every state by every role: allowed exactly when the table says so."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import update

from app.core import projects
from app.core.errors import IdeaBankError, InvalidTransition, PermissionDenied
from app.core.lifecycle import TRANSITIONS
from app.core.queries import project_detail
from app.core.vocab import STATUSES
from db.models import Project

ACTORS = {"owner": "W001", "other_worker": "W002", "leader": "L001", "other_leader": "L002", "base": "B001",
          "admin": "admin"}


def expected(action: str, status: str, who: str) -> str:
    tr = TRANSITIONS[action]
    if status not in tr.sources:
        return "invalid"
    role = {"owner": "worker", "other_worker": "worker", "leader": "leader", "other_leader": "leader",
            "base": "base", "admin": "admin"}[who]
    if tr.owner_may and who == "owner":
        return "ok"
    if role in tr.roles and who != "other_leader":
        return "ok"
    return "denied"


def _force_status(bank, pid, status):
    with bank.write() as s:
        s.execute(update(Project).where(Project.id == pid).values(status=status))


@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_transition_table(bank, people, draft_data, action):
    pid = projects.propose(bank, people["W001"], draft_data).value
    for status, (who, no) in ((st_, a) for st_ in STATUSES for a in ACTORS.items()):
        _force_status(bank, pid, status)
        outcome = expected(action, status, who)
        reason = "理由" if TRANSITIONS[action].needs_reason else None
        if outcome == "ok":
            projects.move(bank, people[no], pid, action, reason)
            assert project_detail(bank, people["W001"], pid)["status"] == TRANSITIONS[action].target
        else:
            error = InvalidTransition if outcome == "invalid" else PermissionDenied
            with pytest.raises(error):
                projects.move(bank, people[no], pid, action, reason)
            # refused: nothing changed (seen by the owner: a draft is private to its authors)
            assert project_detail(bank, people["W001"], pid)["status"] == status


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(list(TRANSITIONS)), st.sampled_from(list(ACTORS))), max_size=12))
def test_random_walks_only_follow_the_table(bank, people, draft_data, steps):
    pid = projects.propose(bank, people["W001"], draft_data).value
    status = "draft"
    for action, who in steps:
        try:
            projects.move(bank, people[ACTORS[who]], pid, action, "理由")
        except IdeaBankError:
            assert expected(action, status, who) != "ok"
        else:
            assert expected(action, status, who) == "ok"
            status = TRANSITIONS[action].target
        assert project_detail(bank, people["W001"], pid)["status"] == status
