"""Write files so that a failure never leaves a half-written output in place of a good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path | str):
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename.

    If the block raises, the temporary file is removed and `path` keeps its old content.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def write_atomically(path: Path | str, write: Callable[[Path], None]) -> Path:
    with replacing(path) as tmp:
        write(tmp)
    return Path(path)
