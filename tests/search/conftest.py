"""`@pytest.mark.soak`: long versions of the search tests, run by `make soak` (`pytest -m soak`)
and skipped by `make test`."""
import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "soak: long runs for `make soak`; skipped unless -m selects soak")


def pytest_collection_modifyitems(config, items):
    if "soak" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="long run: `make soak`")
    for item in items:
        if item.get_closest_marker("soak") is not None:
            item.add_marker(skip)
