"""The `ideabank` program's entry point (the console script and the bundle's launcher).

Python's cycle collector would run hundreds of times while SQLAlchemy and the models load: many
objects are made and none is garbage. It is held off from the start, and `main` turns it back on
once the command is known, unless the command only reads (`set_defaults(reads_only=True)`): such a
run is short and makes little cyclic garbage, so the collector stays off to its end. That is about
a tenth of a quick command's time (`ideabank stats`). Importing app.cli as a library (the tests)
leaves the collector as it is.
"""
from __future__ import annotations

import gc


def main() -> int:
    gc.disable()
    from app.cli import main as run

    return run()
