"""Export one journey as a print-ready PDF: map page(s), then the appendix.

The file is written to a temporary name beside the target and renamed at
the end, so an error or a cancel never leaves a half-written PDF behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.graphics import shapes
from reportlab.pdfgen.canvas import Canvas

from journeymapper.analysis.compare import Comparison
from journeymapper.geometry.layout import compute_layout
from journeymapper.model.document import Document
from journeymapper.model.errors import JourneyMapperError
from journeymapper.pdf import (
    appendix,
    charts,
    compare,
    fonts,
    metrics_tables,
    portfolio,
    tiling,
    votes,
)
from journeymapper.pdf.fonts import TextCheck
from journeymapper.pdf.ink import Ink
from journeymapper.pdf.map_page import MapSummary, draw_map_form
from journeymapper.pdf.options import ExportOptions, MapMode
from journeymapper.pdf.page_fit import fitted_layout
from journeymapper.pdf.pages import MAP_FORM, PageContext, PlannedPage
from journeymapper.pdf.titleblock import TitleInfo
from journeymapper.store.blueprint_queries import as_view, journey_view
from journeymapper.store.diff_read import gc_paused
from journeymapper.store.journey_data import JourneyData, load_journey, load_vote_results
from journeymapper.store.portfolio_queries import load_portfolio

#: progress(pages done, pages in total, what is being drawn)
Progress = Callable[[int, int, str], None]


class PdfExportError(JourneyMapperError):
    """The PDF cannot be written (folder missing, read-only, disk full …)."""


class ExportCancelled(JourneyMapperError):
    """Raised from a progress callback to stop an export; nothing is written."""


@dataclass
class ExportReport:
    path: Path
    pages: int
    warnings: list[str] = field(default_factory=list)
    map_scale: float | None = None  # fit mode only
    sheets: tuple[int, int] | None = None  # tile mode: (rows, columns)


def check_target(out: Path) -> None:
    """Refuse an output path that cannot be written, before any work is done."""
    if out.is_dir():
        raise PdfExportError(f"{out} is a folder; give a file name for the PDF.")
    folder = out.parent
    if not folder.is_dir():
        raise PdfExportError(f"The folder {folder} does not exist.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PdfExportError(f"Cannot write to the folder {folder}: it is read-only.")
    if out.exists() and not os.access(out, os.W_OK):
        raise PdfExportError(f"Cannot replace {out}: the file is read-only.")


def health_findings(doc: Document, journey_id: int, data: JourneyData) -> list[Any] | None:
    """Findings of ``journeymapper.analysis.health.check_journey`` when that module exists,
    on the journey the export has already read (``data``, layers included)."""
    try:
        module = importlib.import_module("journeymapper.analysis.health")
    except ImportError:
        return None
    check = getattr(module, "check_journey", None)
    if check is None:
        return None
    return list(check(doc, journey_id, data=data))


def export_pdf(
    doc: Document,
    journey_id: int,
    out_path: str | os.PathLike[str],
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    findings: Iterable[Any] | None = None,
    comparison: Comparison | None = None,
) -> ExportReport:
    """Write the journey's PDF to ``out_path``; return page count and warnings.

    ``findings`` (severity, message) pairs replace the automatic health check;
    ``comparison`` adds the "Current vs future" section to the appendix.
    """
    options = (options or ExportOptions()).validated()
    out = Path(out_path)
    check_target(out)
    # the export makes millions of short-lived strings and small objects: each full
    # collection would walk them all (a sixth of the time at 10,000 touchpoints)
    with gc_paused():
        return _export(doc, journey_id, out, options, progress, findings, comparison)


def _export(
    doc: Document,
    journey_id: int,
    out: Path,
    options: ExportOptions,
    progress: Progress | None,
    findings: Iterable[Any] | None,
    comparison: Comparison | None,
) -> ExportReport:
    whole = load_journey(doc, journey_id)  # read once: for the health check and the map
    data = as_view(whole, journey_view(doc, journey_id))  # a blueprint prints its layers
    report = ExportReport(out, 0)
    health = _findings(doc, journey_id, whole, options, findings, report)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with _binary_streams():
            _write(doc, data, tmp, options, progress, health, report, comparison)
        os.replace(tmp, out)
    except OSError as exc:
        raise PdfExportError(f"Cannot write {out}: {exc.strerror or exc}.") from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return report


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Skip reportlab's ASCII85 pass over compressed streams (a third of the export time)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    # Charts (reportlab graphics) start from Helvetica, which would be referenced unembedded.
    fonts.register_fonts()
    saved_font = shapes.STATE_DEFAULTS["fontName"]
    shapes.STATE_DEFAULTS["fontName"] = fonts.REGULAR
    try:
        yield
    finally:
        rl_config.useA85 = saved
        shapes.STATE_DEFAULTS["fontName"] = saved_font


def _findings(
    doc: Document,
    journey_id: int,
    whole: JourneyData,
    options: ExportOptions,
    given: Iterable[Any] | None,
    report: ExportReport,
) -> list[appendix.Finding] | None:
    if not options.health:
        return None
    if given is not None:
        return appendix.as_findings(given)
    try:
        found = health_findings(doc, journey_id, whole)
    except Exception as exc:  # a bug in the check must not cost the user their PDF
        report.warnings.append(f"The journey health check failed ({exc}); its section is left out.")
        return None
    return None if found is None else appendix.as_findings(found)


def _write(
    doc: Document,
    data: JourneyData,
    path: Path,
    options: ExportOptions,
    progress: Progress | None,
    health: list[appendix.Finding] | None,
    report: ExportReport,
    comparison: Comparison | None = None,
) -> None:
    fonts.register_fonts()
    check = TextCheck()
    size = options.page_size
    # The initial font is set on every page: a built-in one would be referenced unembedded.
    canvas = Canvas(
        str(path),
        pagesize=size,
        pageCompression=1,
        initialFontName=fonts.REGULAR,
        initialFontSize=10,
    )
    author = _author(doc)
    title = TitleInfo.of(data, check, author, dt.date.today())
    _metadata(canvas, data, title)

    layout = fitted_layout(data, size) if options.mode == MapMode.FIT else compute_layout(data)
    summary = draw_map_form(canvas, MAP_FORM, data, layout, check)
    pages = _map_pages(canvas, summary, title, options, report)
    pages += _appendix(doc, data, check, options, health, summary, report)
    if comparison is not None:
        pages += compare.comparison_section(comparison, check, size)

    total = len(pages)
    for i, page in enumerate(pages):
        if progress is not None:
            progress(i, total, page.bookmark or "")
        canvas.translate(0, size[1])
        ink = Ink(canvas)
        page.draw(canvas, ink, PageContext(i + 1, total, title, size[0], size[1]))
        ink.flush()
        if page.bookmark:
            key = f"jm_section_{i}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(page.bookmark, key, level=0)
        canvas.showPage()
    canvas.showOutline()
    canvas.save()
    if progress is not None:
        progress(total, total, "done")
    report.pages = total
    report.warnings.extend(check.warnings())


def _author(doc: Document) -> str:
    rows = doc.rows("SELECT author FROM workspace ORDER BY id LIMIT 1")
    return (rows[0][0] if rows else "") or "Journey Mapper"


def _metadata(canvas: Canvas, data: JourneyData, title: TitleInfo) -> None:
    canvas.setTitle(f"{data.name} — customer journey map")
    canvas.setAuthor(title.author)
    persona = f", persona {data.persona}" if data.persona else ""
    canvas.setSubject(
        f"Journey {data.name!r} ({data.state}{persona}) in workspace {data.workspace}"
    )
    canvas.setCreator("Journey Mapper")
    canvas.setKeywords(["customer journey", "journey map", data.workspace])


def _map_pages(
    canvas: Canvas,
    summary: MapSummary,
    title: TitleInfo,
    options: ExportOptions,
    report: ExportReport,
) -> list[PlannedPage]:
    if options.mode == MapMode.FIT:
        plan = tiling.plan_fit(summary, options.page_size, options.page)
        report.map_scale = plan.scale
        if plan.warning:
            report.warnings.append(plan.warning)
        return [plan.page]
    poster, grid, pages = tiling.plan_tiles(summary, options.page_size, options.overlap)
    tiling.draw_poster_form(canvas, summary, title, poster, grid.rows * grid.cols)
    report.sheets = (grid.rows, grid.cols)
    return pages


def _appendix(
    doc: Document,
    data: JourneyData,
    check: TextCheck,
    options: ExportOptions,
    health: list[appendix.Finding] | None,
    summary: MapSummary,
    report: ExportReport,
) -> list[PlannedPage]:
    size = options.page_size
    pages: list[PlannedPage] = []
    if options.annotations:
        pages += appendix.annotations_section(data, check, size)
    if options.touchpoints:
        pages += appendix.touchpoints_section(data, check, size)
    elif summary.shortened:
        report.warnings.append(
            f"{len(summary.shortened)} touchpoint title(s) are shortened on the map and the "
            "touchpoint appendix is switched off, so their full text is not in the PDF."
        )
    if options.metrics:
        pages += metrics_tables.metrics_section(data, check, size)
    if options.charts:
        pages += charts.charts_section(data, check, size)
    if options.votes:
        pages += votes.votes_section(data, load_vote_results(doc, data.id), check, size)
    if options.portfolio:
        touching = load_portfolio(doc).in_journey(data.id)
        pages += portfolio.portfolio_section(touching, check, size)
    if health is not None:
        pages += appendix.health_section(health, check, size)
    return pages
