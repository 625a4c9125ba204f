"""Raw baselines: the same work done with bare sqlite3 and bare reportlab, no product code."""

from __future__ import annotations

import io
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def paired_median_ms(
    raw: Callable[[], object], fn: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Medians (ms) of ``raw`` and ``fn`` run turn about, after one warm-up of each.

    A commit's cost on a busy machine drifts by several times within a minute; timing the
    baseline and the product side by side keeps their ratio honest.
    """
    raw()
    fn()
    raws, fns = [], []
    for _ in range(repeat):
        for f, out in ((raw, raws), (fn, fns)):
            start = time.perf_counter()
            f()
            out.append((time.perf_counter() - start) * 1000)
    return statistics.median(raws), statistics.median(fns)


def raw_read(path: Path) -> Callable[[], object]:
    """Read the journey's rows with sqlite3 alone: stages, lanes, touchpoints, latest values."""

    def run() -> object:
        conn = sqlite3.connect(path)
        try:
            stages = conn.execute("SELECT * FROM stage ORDER BY position").fetchall()
            lanes = conn.execute("SELECT * FROM lane ORDER BY position").fetchall()
            tps = conn.execute("SELECT * FROM touchpoint").fetchall()
            latest = conn.execute(
                "SELECT touchpoint_id, metric_id, value, max(measured_on) FROM measurement "
                "GROUP BY touchpoint_id, metric_id"
            ).fetchall()
            anns = conn.execute("SELECT * FROM annotation").fetchall()
            return stages, lanes, tps, latest, anns
        finally:
            conn.close()

    return run


def raw_commit(path: Path) -> tuple[Callable[[], object], Callable[[], None]]:
    """One UPDATE + COMMIT with sqlite3 (same journal and sync settings as the document)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = FULL")
    counter = [0]

    def run() -> object:
        counter[0] += 1
        conn.execute("UPDATE touchpoint SET owner = ? WHERE id = 1", (f"raw {counter[0]}",))
        conn.commit()
        return None

    return run, conn.close


def raw_reportlab(count: int) -> Callable[[], object]:
    """Draw ``count`` boxes with a line of text each on one A0 page with bare reportlab."""
    from reportlab.lib.pagesizes import A0, landscape
    from reportlab.pdfgen.canvas import Canvas

    def run() -> object:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=landscape(A0))
        columns = 60
        for i in range(count):
            x = 20 + (i % columns) * 55
            y = 20 + (i // columns) * 30
            canvas.rect(x, y, 50, 25)
            canvas.drawString(x + 2, y + 10, f"Touchpoint {i}")
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return run
