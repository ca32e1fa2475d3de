"""Idea Bank (创新智慧库).

The version is written in one place, pyproject.toml. An installed copy (a wheel, the editable
install of `make`, the PyInstaller bundle, which carries the metadata) reads it from the package
metadata; a bare source tree reads pyproject.toml itself.
"""
from __future__ import annotations

from pathlib import Path


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ideabank")
    except metadata.PackageNotFoundError:
        import tomllib

        try:
            with open(Path(__file__).resolve().parent.parent / "pyproject.toml", "rb") as f:
                return str(tomllib.load(f)["project"]["version"])
        except (OSError, KeyError, ValueError):
            return "0+unknown"


def __getattr__(name: str) -> str:
    # Computed when first asked for (--version, the About box), not on every import of the app.
    if name == "__version__":
        value = _version()
        globals()["__version__"] = value
        return value
    raise AttributeError(name)
