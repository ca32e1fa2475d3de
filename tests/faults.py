"""Real faults for tests: a small filesystem that fills up, and I/O errors injected into a process.

- `small_fs(size)`: a tmpfs of that size mounted on a temporary folder (needs root, as CI runs;
  elsewhere the test is skipped with the reason). SQLite, the attachment store and the backups meet
  a real ENOSPC there.
- `strace_cmd(...)`: the command line that runs a program under strace with a system call made to
  fail with EIO (strace's --inject), so SQLite meets a real I/O error at commit time.
- `fill(folder)`: takes every free byte of the filesystem of `folder`.
- `leftovers(folder)`: half-written files (`*.part`, `.incoming-*`, `index.new-*`).
"""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_fs(parent: Path, size: str) -> Iterator[Path]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small tmpfs needs root (CI runs as root)")
    folder = parent / f"small-{uuid.uuid4().hex[:8]}"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def remount_read_only(folder: Path) -> None:
    """Make a small_fs read-only, as a backup medium or a disc is (even root cannot write there)."""
    done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only here: {done.stderr.strip()}")


def fill(folder: Path, keep: int = 0) -> Path:
    """Write a filler file until the filesystem is full, then give back `keep` bytes."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 65536, 4096, 512, 1):  # big pieces, then smaller ones into the last gaps
            block = b"\0" * size
            try:
                while True:
                    os.write(fd, block)
            except OSError:
                pass
        if keep:
            os.ftruncate(fd, max(0, os.fstat(fd).st_size - keep))
    finally:
        os.close(fd)
    return filler


def leftovers(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        name = path.name
        if name.endswith(".part") or name.startswith(".incoming-") or name.startswith("index.new"):
            found.append(str(path.relative_to(folder)))
    return sorted(found)


def strace_cmd(syscall: str, args: list[str], *, when: str = "1+", path: Path | None = None) -> list[str]:
    """`ideabank ARGS` under strace, with `syscall` failing with EIO (calls `when`; only on `path`
    when given, e.g. the write-ahead log, so opening the database is not what fails)."""
    if shutil.which("strace") is None:
        pytest.skip("strace is not installed (packaging/system-deps.sh lists it)")
    probe = subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.strip()}")
    inject = f"inject={syscall}:error=EIO:when={when}"
    only = ["-P", str(path)] if path else []
    return ["strace", "-f", "-qq", "-o", "/dev/null", *only, "-e", f"trace={syscall}", "-e", inject,
            *cli_cmd(args)]


def cli_cmd(args: list[str]) -> list[str]:
    """`ideabank ARGS` in a child process of this interpreter."""
    return [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())", *args]
