"""The leader's desk travels: a task dispatched at one site reaches another with its units,
attachments and the reports sent back; a report made there comes back and closes the loop."""
from __future__ import annotations

from app.core import blobstore, dispatch
from app.core import people as P
from app.sync import changeset


def _org(site):
    admin = site.actor()
    P.add_unit(site.bank, admin, "输电运检车间", "workshop")
    P.add_unit(site.bank, admin, "线路一班", parent="输电运检车间")
    P.add_user(site.bank, admin, "L002", "孙七", role="leader", unit="输电运检车间")
    P.add_user(site.bank, admin, "W011", "吴二", unit="线路一班")


def _exchange(a, b):
    b.take(a)
    a.take(b)


def test_a_task_and_its_reports_reach_the_other_site(sites, tmp_path):
    a, b = sites(2)
    _org(a)
    b.take(a)
    plan = tmp_path / "方案.txt"
    plan.write_text("隐患排查方案", encoding="utf-8")
    tid = dispatch.send(a.bank, a.actor("L002"), "隐患排查", "2025-03-31", [("线路一班", "W011")], files=[plan]).value
    b.take(a)
    there = dispatch.detail(b.bank, b.actor("W011"), tid)
    assert there["title"] == "隐患排查" and there["targets"][0]["state"] == "pending"
    sha = there["attachments"][0]["sha256"]
    assert blobstore.local_path(b.bank, sha).read_text(encoding="utf-8") == "隐患排查方案"
    # the unit reports at site b; the sender accepts at site a
    dispatch.report(b.bank, b.actor("W011"), there["targets"][0]["id"], note="完成", summary=True)
    a.take(b)
    here = dispatch.detail(a.bank, a.actor("L002"), tid)
    assert here["targets"][0]["state"] == "reported" and here["targets"][0]["reports"][0]["note"] == "完成"
    dispatch.accept(a.bank, a.actor("L002"), here["targets"][0]["id"])
    _exchange(a, b)
    assert dispatch.detail(b.bank, b.actor("W011"), tid)["status"] == "closed"
    again = changeset.apply(b.bank, changeset.collect(a.bank, 0, for_site=b.id), blob=lambda sha: None)
    assert again.applied == 0  # applying it twice changes nothing


def test_two_sites_that_deliver_the_same_warning_tell_the_person_once(sites):
    import datetime as dt

    from sqlalchemy import func, select

    from app.core import inbox, warning_delivery
    from db.models import Notification, SyncConflict
    a, b = sites(2)
    _org(a)
    b.take(a)
    dispatch.send(a.bank, a.actor("L002"), "隐患排查", "2025-03-10", [("线路一班", "W011")])
    b.take(a)
    for site in (a, b):  # both deliver before they hear of each other's notices
        site.bank.clock.now = dt.datetime(2025, 3, 12, 1, 0, tzinfo=dt.timezone.utc)
        assert warning_delivery.deliver(site.bank).value.delivered == 1
    _exchange(a, b)
    _exchange(a, b)
    for site in (a, b):
        warnings = [n for n in inbox.notices(site.bank, site.actor("W011")) if n.kind == "warning"]
        assert len(warnings) == 1
        with site.bank.session() as s:
            assert s.scalar(select(func.count()).select_from(SyncConflict)) == 0
            assert s.scalar(select(func.count()).select_from(Notification).where(Notification.kind == "digest")) == 2
