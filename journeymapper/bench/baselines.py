"""Raw baselines: the same work done with bare sqlite3 and bare reportlab, no product code."""

from __future__ import annotations

import base64
import io
import re
import sqlite3
import statistics
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
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


#: What the PDF export reads beyond the map's rows: every measurement in order (the
#: previous values and trends of the appendix), connectors, text cells, votes, the portfolio.
EXPORT_READS = (
    "SELECT * FROM measurement ORDER BY touchpoint_id, metric_id, measured_on DESC, id DESC",
    "SELECT * FROM connector",
    "SELECT * FROM text_cell",
    "SELECT * FROM vote",
    "SELECT * FROM vote_round",
    "SELECT * FROM opportunity",
    "SELECT * FROM opportunity_link",
    "SELECT * FROM solution",
    "SELECT * FROM target",
)


def raw_read(path: Path, extra: tuple[str, ...] = ()) -> Callable[[], object]:
    """Read the journey's rows with sqlite3 alone: stages, lanes, touchpoints, latest values,
    annotations, then each query of ``extra`` (:data:`EXPORT_READS` for the PDF export)."""

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
            more = [conn.execute(sql).fetchall() for sql in extra]
            return stages, lanes, tps, latest, anns, more
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
    return raw_reportlab_page(PageContent(strings=count, chars=count * 14, rects=count))


@dataclass(frozen=True)
class PageContent:
    """What a PDF holds, counted from its content streams: shown strings, their characters,
    rectangles and straight line segments, and its pages. The raw baseline draws as much
    with bare reportlab. A form drawn once and placed on many pages counts once."""

    strings: int
    chars: int
    rects: int
    lines: int = 0
    pages: int = 1

    @classmethod
    def of_pdf(cls, data: bytes) -> PageContent:
        """Count the show (``Tj``), rectangle (``re``) and line-to (``l``) operators of every
        stream, and the page objects. Shown strings are cut out before the shapes are
        counted, so text that reads like an operator is not taken for one."""
        strings = chars = rects = lines = 0
        for match in _STREAM.finditer(data):
            content = _inflate(match.group(1))
            if content is None:
                continue  # an image or font stream, not drawing
            shown = _SHOW.findall(content)
            strings += len(shown)
            chars += sum(len(s) for s in shown)
            shapes = _SHOW.sub(b"", content)
            rects += len(_RECT.findall(shapes))
            lines += len(_LINE_TO.findall(shapes))
        return cls(strings, chars, rects, lines, max(1, len(_PAGE.findall(data))))


def _inflate(raw: bytes) -> bytes | None:
    """A stream's bytes: deflated, or deflated then ASCII85-encoded (reportlab's default)."""
    for decode in (lambda b: b, lambda b: base64.a85decode(b.strip().removesuffix(b"~>"))):
        try:
            return zlib.decompress(decode(raw))
        except (ValueError, zlib.error):
            continue
    return None


_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_SHOW = re.compile(rb"\((.*?)\) Tj")
_RECT = re.compile(rb" re\b")
_LINE_TO = re.compile(rb"[\d.] l\b")
_PAGE = re.compile(rb"/Type /Page\b")


def raw_reportlab_page(content: PageContent) -> Callable[[], object]:
    """Draw ``content``'s boxes, lines and strings (of its mean length) with bare reportlab
    on as many A0 pages, shared out evenly: ``rect``, ``line`` and ``drawString``, one call
    each, in the built-in font."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A0, landscape
    from reportlab.pdfgen.canvas import Canvas

    text = "x" * max(1, round(content.chars / max(1, content.strings)))
    columns = 60
    pages = max(1, content.pages)

    def share(total: int, page: int) -> range:
        """The items of ``total`` that land on ``page``."""
        return range(total * page // pages, total * (page + 1) // pages)

    def run() -> object:
        saved, rl_config.useA85 = rl_config.useA85, 0  # as the export writes its streams
        try:
            return draw()
        finally:
            rl_config.useA85 = saved

    def draw() -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=landscape(A0))
        for page in range(pages):
            for i in share(content.rects, page):
                canvas.rect(20 + (i % columns) * 55, 20 + (i // columns) * 30 % 3300, 50, 25)
            for i in share(content.lines, page):
                y = 25 + (i // columns) * 30 % 3300
                canvas.line(20 + (i % columns) * 55, y, 70 + (i % columns) * 55, y)
            for i in share(content.strings, page):
                canvas.drawString(22 + (i % columns) * 55, 30 + (i // columns) * 12 % 3300, text)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    return run
