"""Entry script of the bundle's `ideabank`: the command line, as the wheel's `ideabank` script."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # `ideabank reindex` and search rebuilds start worker processes
    from app.cli.entry import main

    sys.exit(main())
