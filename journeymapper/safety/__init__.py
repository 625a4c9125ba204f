"""Keeping the user's work safe (no Qt): one writer per file, snapshots, crash recovery.

- :mod:`lock` — a ``<file>.lock`` beside an open workspace so a second instance
  is told the file is open elsewhere and offered read-only.
- :mod:`snapshots` — periodic consistent copies in the app's data folder, with a
  retention rule, listing and restore-as-a-copy.
- :mod:`recovery` — never-named workspaces and the marker that tells the next
  start that the last one crashed.
"""

from __future__ import annotations
