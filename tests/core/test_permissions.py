"""Random walks through the project lifecycle: every step the core takes or refuses agrees with
the expectations of the permission table (tests/core/test_permission_table.py)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import projects
from app.core.errors import IdeaBankError
from app.core.lifecycle import TRANSITIONS
from app.core.queries import project_detail
from tests.core.test_permission_table import expected

ACTORS = {"owner": "W001", "worker": "W002", "leader": "L001", "other_leader": "L002", "base": "B001",
          "admin": "admin"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(list(TRANSITIONS)), st.sampled_from(list(ACTORS))), max_size=12))
def test_random_walks_only_follow_the_table(bank, people, draft_data, steps):
    pid = projects.propose(bank, people["W001"], draft_data).value
    status = "draft"
    for action, who in steps:
        want = expected(f"project.{action}", who, status)
        try:
            projects.move(bank, people[ACTORS[who]], pid, action, "理由")
        except IdeaBankError:
            assert not want
        else:
            assert want
            status = TRANSITIONS[action].target
        assert project_detail(bank, people["W001"], pid)["status"] == status
