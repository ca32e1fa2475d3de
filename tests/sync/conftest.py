"""Two or more sites (banks in their own data folders) that exchange change sets."""
from __future__ import annotations

import pytest

from app.core.bank import Bank
from tests.conftest import FakeClock


class Site:
    """A bank plus how far it has taken in each other site's changes."""

    def __init__(self, path, clock) -> None:
        self.bank = Bank.open(path, clock=clock)
        self.received: dict[str, int] = {}

    @property
    def id(self) -> str:
        return self.bank.site_id

    def take(self, other: Site, **kw):
        from app.sync import changeset

        since = self.received.get(other.id, 0)
        changes = changeset.collect(other.bank, since, for_site=self.id, **kw)
        report = changeset.apply(self.bank, changes, blob=lambda sha: _blob(other.bank, sha))
        self.received[other.id] = changes.until
        return report

    def actor(self, no: str = "admin"):
        return self.bank.actor(no)

    def close(self) -> None:
        self.bank.close()


def _blob(bank, sha):
    from app.core import blobstore

    path = blobstore.local_path(bank, sha)
    return path.read_bytes() if path else None


@pytest.fixture
def sites(tmp_path):
    """Three sites with one clock each (moved separately)."""
    made = []

    def make(n: int = 2):
        for i in range(n):
            made.append(Site(tmp_path / f"site{len(made)}", FakeClock()))
        return made[-n:]
    yield make
    for site in made:
        site.close()
