"""Child processes that die with their parent.

A run's workers and their Jupyter kernels ask Linux, as they start, to be killed when the process that
started them dies (prctl PR_SET_PDEATHSIG). So a run killed outright (SIGKILL, a closed terminal, an
out-of-memory kill) leaves no worker or kernel running on, holding gigabytes. Elsewhere this does
nothing: Ctrl-C and normal ends clean up as before.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Called in a child process: be killed when its parent dies (Linux; nothing elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)
