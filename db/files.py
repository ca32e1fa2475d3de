"""Files written so that a crash or a full disk never leaves half of one: `atomic_file` makes a file
appear whole under its name or not at all, `fsync_dir` makes a rename or a new file in a folder durable.

`atomic_file`: the bytes go to a hidden temporary file in the target's folder (same file system, so the rename is
atomic), are flushed to the device, and only then renamed over the target; the folder is synced
too. A full disk, a pulled USB stick or a killed process leaves at most the temporary file, which
is removed when the failure is seen, and never a half file under the final name.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

