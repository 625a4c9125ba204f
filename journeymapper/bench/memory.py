"""The peak memory of this process alone.

``getrusage(RUSAGE_SELF).ru_maxrss`` is not it for a child process: Linux carries the
parent's high-water mark across ``fork``/``vfork`` and ``exec`` into the child's figure, so a
child started by a bench that already held 1 GB reported 1 GB whatever it did itself.
``VmHWM`` in ``/proc/self/status`` belongs to the address space made by ``exec``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def peak_rss_kb() -> int:
    """Peak resident set size of this process since its ``exec``, in KiB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    try:
        import resource
    except ImportError:  # Windows: no figure
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes


__all__ = ["peak_rss_kb"]
