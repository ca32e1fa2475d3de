"""Entry script of the bundle's `ideabank-gui`: the same start as `python -m app`."""

import multiprocessing
import runpy

if __name__ == "__main__":
    # The search index rebuild uses worker processes; in a frozen bundle each child re-runs this
    # program, and freeze_support() turns it into the worker instead of a second window.
    multiprocessing.freeze_support()
    runpy.run_module("app", run_name="__main__", alter_sys=True)
