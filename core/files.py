"""Owner-only files written whole (temp file, fsync, rename, fsync of the folder), and their end.

One home for every writer of keys, certificates, configuration and vault records, so that a crash
or a full disk leaves the old file or the new one, never half of one, and never a mode wider than
0600 (0700 for folders)."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from pathlib import Path

_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (mode 0600) so that a crash leaves the old or the new file.

    A missing parent folder is made owner-only (0700)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def shred_file(path: Path) -> None:
    """Overwrite then unlink. On copy-on-write or flash storage the overwrite may not reach
    the old blocks; the file is undecryptable anyway once its data key is destroyed."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as f:
            f.write(os.urandom(min(size, 1 << 20)))
            f.flush()
            os.fsync(f.fileno())
        path.unlink()
    except FileNotFoundError:
        pass


def sync_filesystem(path: Path) -> None:
    """Flush every dirty page of the filesystem holding ``path`` (Linux ``syncfs(2)``): one
    call makes all live recordings durable together, instead of one fsync per file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        if getattr(_LIBC, "syncfs", None) is None or _LIBC.syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)
