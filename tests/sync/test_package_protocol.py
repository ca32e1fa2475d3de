"""The package protocol as a state machine: three sites that all trust each other make changes and
exchange real packages (signed, encrypted files) that get lost, duplicated, delivered out of
order and replayed. The cursors never acknowledge what was not received, and once every site has
sent a package to every other and they were delivered, all hold every change.

The sites' change logs here are a minimal stand-in for the sync engine's sequence (append-only
records, applied as a union), which is exactly what the protocol has to carry; the engine's own
merging is tested with its state machine in tests/sync.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, invariant, rule

from app.core.bank import Bank
from app.sync import identity, package, trust
from app.sync.package import PackageRefused
from db.base import new_id
from tests.conftest import FakeClock
from tests.sync.package_kit import FakeChangeSet

SITES = ("a", "b", "c")


class LogEngine:
    """Each site's change sequence is its log; applying appends the records it has not seen."""

    def __init__(self) -> None:
        self.logs: dict[str, list[dict[str, str]]] = {}

    def log(self, bank: Bank) -> list[dict[str, str]]:
        return self.logs.setdefault(bank.site_id, [])

    def collect(self, bank: Bank, since: int, *, for_site: str | None = None, limit: int | None = None):
        log = self.log(bank)
        return FakeChangeSet(bank.site_id, since, len(log), [dict(r) for r in log[since:]], set())

    def apply(self, bank: Bank, changes: FakeChangeSet, *, blob) -> None:  # type: ignore[no-untyped-def]
        log = self.log(bank)
        seen = {r["id"] for r in log}
        for record in changes.records:
            if record["id"] not in seen:
                log.append(record)
                seen.add(record["id"])


_TEMPLATE: Path | None = None


def _template() -> Path:
    """Three sites that trust each other, made once per test run (copied for every example)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        folder = Path(tempfile.mkdtemp(prefix="pkg-protocol-"))
        banks = {name: Bank.open(folder / name, clock=FakeClock()) for name in SITES}
        for name, bank in banks.items():
            identity.rename(bank, bank.actor(), f"site {name}")
            trust.export_key(bank, folder / f"{name}.key")
        for name, bank in banks.items():
            for other in SITES:
                if other != name:
                    trust.trust(bank, bank.actor(), folder / f"{other}.key")
        for bank in banks.values():
            bank.close()
        _TEMPLATE = folder
    return _TEMPLATE


class PackageExchange(RuleBasedStateMachine):
    packages = Bundle("packages")

    @initialize()
    def setup(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="pkg-run-"))
        self.clock = FakeClock()
        self.banks: dict[str, Bank] = {}
        for name in SITES:
            shutil.copytree(_template() / name, self.folder / name)
            self.banks[name] = Bank.open(self.folder / name, clock=self.clock)
        self.engine = LogEngine()
        self.hooks = {"collect": self.engine.collect}, {"apply": self.engine.apply, "changeset_type": FakeChangeSet}
        self.made: set[str] = set()
        self.imported: set[Path] = set()
        self.count = 0

    def teardown(self) -> None:
        """Once everyone has sent everyone a package: converged (then the folders go)."""
        try:
            if hasattr(self, "banks"):
                self.check_convergence()
        finally:
            for bank in getattr(self, "banks", {}).values():
                bank.close()
            shutil.rmtree(getattr(self, "folder", "/nonexistent"), ignore_errors=True)

    def _export(self, src: str, dst: str, since: int | None = None) -> Path:
        self.count += 1
        path = self.folder / "usb" / f"{self.count:03d}-{src}-{dst}.ibpkg"
        bank = self.banks[src]
        package.export_package(bank, bank.actor(), path, to=self.banks[dst].site_id, since=since, **self.hooks[0])
        return path

    def _import(self, path: Path) -> None:
        dst = path.stem.split("-")[2]
        bank = self.banks[dst]
        self.clock.advance(seconds=1)
        if path in self.imported:
            with pytest.raises(PackageRefused, match="已于 .* 导入过"):
                package.import_package(bank, bank.actor(), path, **self.hooks[1])
            return
        package.import_package(bank, bank.actor(), path, **self.hooks[1])
        self.imported.add(path)

    @rule(site=st.sampled_from(SITES), n=st.integers(1, 3))
    def edit(self, site: str, n: int) -> None:
        for _ in range(n):
            record = {"id": new_id(), "by": site}
            self.engine.log(self.banks[site]).append(record)
            self.made.add(record["id"])

    @rule(target=packages, src=st.sampled_from(SITES), dst=st.sampled_from(SITES))
    def export(self, src: str, dst: str):  # type: ignore[no-untyped-def]
        if src == dst:
            dst = SITES[(SITES.index(src) + 1) % len(SITES)]
        return self._export(src, dst)

    @rule(target=packages, src=st.sampled_from(SITES), dst=st.sampled_from(SITES))
    def export_only_new(self, src: str, dst: str):  # type: ignore[no-untyped-def]
        """`--since` what was already sent: small packages, and gaps when one of them is lost."""
        if src == dst:
            dst = SITES[(SITES.index(src) + 1) % len(SITES)]
        sent = package.cursor(self.banks[src], self.banks[dst].site_id).sent
        return self._export(src, dst, since=sent)

    @rule(path=packages)
    def deliver(self, path: Path) -> None:
        """Carried and imported: in any order, possibly again (a replay), or never (a lost stick)."""
        self._import(path)

    @invariant()
    def acknowledgements_never_run_ahead(self) -> None:
        if not hasattr(self, "banks"):
            return
        for src, sbank in self.banks.items():
            for dst, dbank in self.banks.items():
                if src == dst:
                    continue
                acked = package.cursor(sbank, dbank.site_id).acked
                received = package.cursor(dbank, sbank.site_id).received_up_to
                assert acked <= received <= len(self.engine.log(sbank))
                # What is acknowledged is really held there: an export from the ack loses nothing.
                held = {r["id"] for r in self.engine.log(dbank)}
                assert {r["id"] for r in self.engine.log(sbank)[:received]} <= held

    def everyone_sends_everyone(self) -> None:
        """Twice round, every site sends every other a package, and it is delivered."""
        for _ in range(2):
            for src in SITES:
                for dst in SITES:
                    if src != dst:
                        self._import(self._export(src, dst))

    def check_convergence(self) -> None:
        self.everyone_sends_everyone()
        for bank in self.banks.values():
            assert {r["id"] for r in self.engine.log(bank)} == self.made
        for src, sbank in self.banks.items():  # and each site knows the others have it all
            for dst, dbank in self.banks.items():
                if src != dst:
                    assert package.cursor(dbank, sbank.site_id).received_up_to == len(self.engine.log(sbank))


def _run(machine: type[RuleBasedStateMachine], examples: int, steps: int) -> None:
    from hypothesis.stateful import run_state_machine_as_test
    run_state_machine_as_test(machine, settings=settings(
        max_examples=examples, stateful_step_count=steps, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))


def test_lost_duplicated_reordered_and_replayed_packages_converge():
    _run(PackageExchange, examples=4, steps=12)


@pytest.mark.soak
def test_package_protocol_soak():
    _run(PackageExchange, examples=200, steps=40)


# -- the same exchanges with the real sync engine --------------------------------------------------

_ORG: Path | None = None


def _org_template() -> Path:
    """The three trusting sites, site a with a few demo projects, b and c seeded from a by package
    (so all three share the organisation); every site's people may see everything."""
    global _ORG
    if _ORG is None:
        from app.core import demo
        folder = Path(tempfile.mkdtemp(prefix="pkg-org-"))
        for name in SITES:
            shutil.copytree(_template() / name, folder / name)
        banks = {name: Bank.open(folder / name, clock=FakeClock()) for name in SITES}
        demo.generate(banks["a"], banks["a"].actor(), 6, seed=5)
        for name, bank in banks.items():
            for other in SITES:
                if other != name:
                    trust.set_people(bank, bank.actor(), banks[other].site_id, [], everyone=True)
        for dst in ("b", "c"):
            path = folder / f"seed-{dst}.ibpkg"
            package.export_package(banks["a"], banks["a"].actor(), path, to=banks[dst].site_id)
            package.import_package(banks[dst], banks[dst].actor(), path)
        for bank in banks.values():
            bank.close()
        _ORG = folder
    return _ORG


def _contents(bank: Bank) -> dict[str, set]:
    from sqlalchemy import select

    from db.models import Comment, Project, Vote
    with bank.session() as s:
        return {"projects": set(s.execute(select(Project.id, Project.title, Project.status))),
                "comments": set(s.execute(select(Comment.id, Comment.project_id, Comment.body))),
                "votes": set(s.execute(select(Vote.project_id, Vote.user_id)))}


class EngineExchange(PackageExchange):
    """Offline edits (titles, comments, votes) at every site, moved only by packages."""

    @initialize()
    def setup(self) -> None:
        from sqlalchemy import select

        from db.models import Project, User
        self.folder = Path(tempfile.mkdtemp(prefix="pkg-engine-"))
        self.clock = FakeClock()
        self.banks = {}
        for name in SITES:
            shutil.copytree(_org_template() / name, self.folder / name)
            self.banks[name] = Bank.open(self.folder / name, clock=self.clock)
        with self.banks["a"].session() as s:
            self.project_ids = list(s.scalars(select(Project.id).order_by(Project.number)))
            self.workers = list(s.scalars(select(User.employee_no).where(User.role == "worker")
                                          .order_by(User.employee_no).limit(6)))
        self.hooks = {}, {}  # the real engine
        self.imported = set()
        self.count = 0

    @rule(site=st.sampled_from(SITES), project=st.integers(0, 5), who=st.integers(0, 5),
          what=st.sampled_from(["comment", "vote", "title"]))
    def edit(self, site: str, project: int, who: int, what: str) -> None:  # type: ignore[override]
        from app.core import discussion, projects
        from app.core.errors import IdeaBankError
        bank = self.banks[site]
        self.clock.advance(seconds=7)
        pid, no = self.project_ids[project], self.workers[who]
        try:
            if what == "comment":
                discussion.comment(bank, bank.actor(no), pid, f"{site} 站点的意见 {self.clock.now:%H%M%S}")
            elif what == "vote":
                discussion.vote(bank, bank.actor(no), pid)
            else:
                projects.edit(bank, bank.actor(), pid, {"title": f"{site} 改的标题 {self.clock.now:%H%M%S}"})
        except IdeaBankError:
            pass  # already voted, a project in a state that refuses the edit: nothing changed

    @invariant()
    def acknowledgements_never_run_ahead(self) -> None:  # type: ignore[override]
        if not hasattr(self, "banks"):
            return
        for src, sbank in self.banks.items():
            for dst, dbank in self.banks.items():
                if src != dst:
                    assert package.cursor(sbank, dbank.site_id).acked <= package.cursor(dbank, sbank.site_id).received_up_to

    def check_convergence(self) -> None:  # type: ignore[override]
        self.everyone_sends_everyone()
        first = _contents(self.banks["a"])
        for name in ("b", "c"):
            assert _contents(self.banks[name]) == first, name


def test_real_engine_converges_through_lost_duplicated_and_reordered_packages():
    _run(EngineExchange, examples=2, steps=10)


@pytest.mark.soak
def test_real_engine_package_soak():
    _run(EngineExchange, examples=100, steps=30)
