"""Where the data lives: the per-user data folder, or IDEABANK_HOME, or --data-dir."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

DB_FILE = "ideabank.sqlite"


def default_data_dir() -> Path:
    env = os.environ.get("IDEABANK_HOME")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path("ideabank", appauthor=False)


def attachment_path(data_dir: Path, sha256: str) -> Path:
    return data_dir / "attachments" / sha256[:2] / sha256
