"""Packages with the real sync engine: two banks in temporary folders exchange projects, comments,
votes and attachments by package, both ways; out-of-order, duplicated and replayed packages
converge; secret projects go only where the site's people may see them."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.core import attachments, demo, discussion, projects
from app.core.paths import attachment_path
from app.sync import package, trust
from app.sync.package import PackageRefused
from db.models import Attachment, Comment, Project, User, Vote
from tests.sync.package_kit import copied_sites, site_template


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Site a with demo data (30 projects with comments, votes, reviews), trusted both ways with b."""
    return site_template(tmp_path_factory.mktemp("exchange"),
                         lambda made: demo.generate(made.a, made.a.actor(), 30, seed=11))


@pytest.fixture
def sites(template, tmp_path, clock):
    with copied_sites(template, tmp_path, clock) as made:
        yield made


def contents(bank) -> dict[str, set]:
    """What people see: projects with their fields, comments, votes, attachments."""
    with bank.session() as s:
        return {
            "projects": set(s.execute(select(Project.id, Project.number, Project.title, Project.status,
                                             Project.confidentiality))),
            "comments": set(s.execute(select(Comment.id, Comment.project_id, Comment.body))),
            "votes": set(s.execute(select(Vote.project_id, Vote.user_id))),
            "attachments": set(s.execute(select(Attachment.id, Attachment.sha256))),
        }


def exchange(src, dst, path: Path, **kw):
    out = package.export_package(src, src.actor(), path, to=dst.site_id, **kw)
    inn = package.import_package(dst, dst.actor(), path)
    return out, inn


def everyone_sees_everything(a, b) -> None:
    """Both sites are run by administrators: secret projects travel too (see the last test)."""
    trust.set_people(a, a.actor(), b.site_id, [], everyone=True)
    trust.set_people(b, b.actor(), a.site_id, [], everyone=True)


def test_round_trip_both_ways_with_attachments_and_acknowledgements(sites, tmp_path, clock):
    a, b = sites.a, sites.b
    everyone_sees_everything(a, b)
    with a.session() as s:
        pid = s.scalars(select(Project.id).order_by(Project.number)).first()
    (tmp_path / "现场照片.jpg").write_bytes(b"\xff\xd8\xff" + b"photo" * 2000)
    attachments.add(a, a.actor(), pid, tmp_path / "现场照片.jpg")

    out, inn = exchange(a, b, tmp_path / "usb" / "1.ibpkg")
    assert out.records > 30 and out.blobs == 1 and inn.applied.applied > 0
    here, there = contents(a), contents(b)
    assert here == there and len(there["projects"]) == 30 and there["comments"] and there["votes"]
    sha = next(iter(there["attachments"]))[1]
    assert attachment_path(b.data_dir, sha).read_bytes() == (tmp_path / "现场照片.jpg").read_bytes()
    with pytest.raises(PackageRefused, match="导入过"):
        package.import_package(b, b.actor(), tmp_path / "usb" / "1.ibpkg")
    assert contents(b) == there

    # b works offline, then sends its changes back; the package carries b's acknowledgement.
    clock.advance(hours=2)
    with b.session() as s:
        worker_no = s.scalars(select(User.employee_no).where(User.role == "worker").order_by(User.employee_no)).first()
    discussion.comment(b, b.actor(worker_no), pid, "山区班组试用了一个月，效果很好。")
    discussion.vote(b, b.actor(worker_no), pid)
    exchange(b, a, tmp_path / "usb" / "2.ibpkg")
    assert contents(a) == contents(b)
    assert package.cursor(a, b.site_id).acked == out.until  # a knows b has everything up to there

    # a's next package starts at the acknowledgement: only what changed since.
    clock.advance(hours=1)
    projects.edit(a, a.actor(), pid, {"title": "改进后的变压器巡检方法（第二版）"})
    small, _ = exchange(a, b, tmp_path / "usb" / "3.ibpkg")
    assert small.since == out.until and small.records < out.records
    assert contents(a) == contents(b)


def test_out_of_order_duplicated_and_replayed_packages_converge(sites, tmp_path, clock):
    a, b = sites.a, sites.b
    everyone_sees_everything(a, b)
    with a.session() as s:
        pids = list(s.scalars(select(Project.id).order_by(Project.number).limit(3)))
        workers = list(s.scalars(select(User.employee_no).where(User.role == "worker").order_by(User.employee_no)
                                 .limit(3)))
    paths = []
    for n, (pid, no) in enumerate(zip(pids, workers), 1):
        clock.advance(minutes=10)
        discussion.comment(a, a.actor(no), pid, f"第 {n} 轮的意见")
        projects.edit(a, a.actor(), pid, {"title": f"第 {n} 轮修改的标题"})
        path = tmp_path / f"{n}.ibpkg"
        sent = package.cursor(a, b.site_id).sent
        package.export_package(a, a.actor(), path, to=b.site_id, since=sent if n > 1 else None)
        paths.append(path)
    for path in (paths[2], paths[0], paths[1]):  # the third stick arrives first
        package.import_package(b, b.actor(), path)
    for path in (paths[1], paths[2]):  # carried twice
        with pytest.raises(PackageRefused):
            package.import_package(b, b.actor(), path)
    assert contents(b) == contents(a)
    assert package.cursor(b, a.site_id).received_up_to == package.cursor(a, b.site_id).sent


def test_secret_projects_go_only_to_sites_whose_people_may_see_them(sites, tmp_path):
    a, b = sites.a, sites.b
    with a.session() as s:
        secret = set(s.scalars(select(Project.id).where(Project.confidentiality == "secret")))
        secret_comments = set(s.scalars(select(Comment.id).where(Comment.project_id.in_(secret))))
    assert secret and secret_comments  # the demo data has some
    exchange(a, b, tmp_path / "1.ibpkg")  # nobody recorded for b: no secret project goes
    with b.session() as s:
        assert not set(s.scalars(select(Project.id))) & secret
        assert not set(s.scalars(select(Comment.id))) & secret_comments
    # A worker of b who is not an author sees none of them either.
    with a.session() as s:
        outsider = s.scalars(select(User.employee_no).where(User.role == "worker").order_by(User.employee_no)).first()
    trust.set_people(a, a.actor(), b.site_id, [outsider])
    exchange(a, b, tmp_path / "2.ibpkg", since=0)
    with b.session() as s:
        assert not set(s.scalars(select(Project.id))) & secret

    trust.set_people(a, a.actor(), b.site_id, [], everyone=True)  # b is run by an administrator
    exchange(a, b, tmp_path / "3.ibpkg", since=0)
    assert contents(b) == contents(a)


@pytest.mark.postgres
def test_a_hub_exchanges_packages_with_an_air_gapped_site(postgres_db, tmp_path, clock):
    """The hub (PostgreSQL, attachments in the database) and an air-gapped SQLite site, both ways;
    a second workstation of the hub without the key file is told where the keys are."""
    from app.core import blobstore, people
    from app.core.bank import Bank
    from app.core.errors import StorageError
    from app.sync import identity
    hub, site = Bank.open(tmp_path / "hub-ws1", postgres_db, clock=clock), Bank.open(tmp_path / "site", clock=clock)
    try:
        for src, dst in ((hub, site), (site, hub)):
            trust.export_key(src, tmp_path / "k")
            trust.trust(dst, dst.actor(), tmp_path / "k")
        everyone_sees_everything(hub, site)
        people.add_user(hub, hub.actor(), "W1", "甲")
        pid = projects.propose(hub, hub.actor("W1"), {"title": "绝缘子清扫工具", "category": "小发明"}).value
        (tmp_path / "图纸.pdf").write_bytes(b"%PDF-1.4 drawing" * 100)
        attachments.add(hub, hub.actor("W1"), pid, tmp_path / "图纸.pdf")
        exchange(hub, site, tmp_path / "to-site.ibpkg")
        assert contents(site) == contents(hub)
        clock.advance(hours=1)
        discussion.comment(site, site.actor("W1"), pid, "离线站点的意见")
        (tmp_path / "现场.jpg").write_bytes(b"\xff\xd8\xff site photo" * 50)
        attachments.add(site, site.actor("W1"), pid, tmp_path / "现场.jpg")  # its author: a draft is private
        exchange(site, hub, tmp_path / "to-hub.ibpkg")
        assert contents(hub) == contents(site)
        with hub.session() as s:  # the site's file is in the hub's database, for every workstation
            shas = set(s.scalars(select(Attachment.sha256)))
            assert all(blobstore.read(s, sha) is not None for sha in shas) and len(shas) == 2
        other = Bank.open(tmp_path / "hub-ws2", postgres_db, clock=clock)
        try:
            with pytest.raises(StorageError, match="not on this computer|不在这台计算机上"):
                identity.load(other)
        finally:
            other.close()
    finally:
        hub.close(), site.close()
