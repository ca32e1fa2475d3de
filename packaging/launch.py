"""Entry script of the PyInstaller bundle: the same start as `python -m app`."""

import runpy

if __name__ == "__main__":
    runpy.run_module("app", run_name="__main__", alter_sys=True)
