"""One writer at a time: a lock file naming who holds it, since when, and for what.

A lock left by a process that has died on this machine (killed, or the machine restarted) is taken
over with a warning rather than blocking every later run.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)


class Locked(Exception):
    """Someone else holds the lock; the message says who, since when and what to do."""


def user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "someone"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, belongs to another user
        return True
    return True


def _holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _stale(holder: dict) -> bool:
    """The holder was a process on this machine that no longer runs."""
    pid = holder.get("pid")
    return holder.get("host") == socket.gethostname() and isinstance(pid, int) and not _alive(pid)


@contextlib.contextmanager
def holding(path: Path, doing: str, *, error: type[Exception] = Locked) -> Iterator[None]:
    """Hold the lock at `path` while `doing` ("running October 2026 into outputs/"); `error` is raised,
    naming the holder, when another process holds it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            holder = _holder(path)
            if attempt == 0 and _stale(holder):
                log.warning("taking over %s, left by process %s, which has ended", path, holder.get("pid"))
                path.unlink(missing_ok=True)
                continue
            since = holder.get("since", "an unknown time")
            raise error(
                f"{holder.get('by', 'someone')} is already {holder.get('doing', 'using this')} (process "
                f"{holder.get('pid', '?')} on {holder.get('host', '?')}, since {since}); "
                f"wait for it to finish, or delete {path} if it is no longer running"
            ) from None
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(
            {
                "by": user(),
                "doing": doing,
                "since": datetime.now(UTC).isoformat(timespec="seconds"),
                "pid": os.getpid(),
                "host": socket.gethostname(),
            },
            handle,
        )
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
