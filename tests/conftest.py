import pytest

from tests.postgres_server import postgres_db, postgres_server, postgres_url  # noqa: F401


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
