"""The blueprint in the PDF: its lines, connector labels and legend, fitted or tiled."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from journeymapper import editing
from journeymapper.pdf.export import export_pdf
from journeymapper.pdf.options import ExportOptions
from journeymapper.store.journey_data import find_journey
from journeymapper.templates import create_workspace
from tests.pdf_support import pdf_text, squash

LINES = ["LINE OF INTERACTION", "LINE OF VISIBILITY", "LINE OF INTERNAL INTERACTION"]
LEGEND = ["Flow (connector)", "Hand-off (connector)", "Dependency (connector)",
          "Hand-off between teams"]  # fmt: skip


def test_fitted_blueprint_page_has_lines_connectors_and_legend(tmp_path: Path) -> None:
    doc = create_workspace(tmp_path / "hotel.jmap", "hotel_blueprint")
    try:
        journey = find_journey(doc, None)
        out = tmp_path / "bp.pdf"
        report = export_pdf(doc, journey, out, ExportOptions(page="A3").without_appendix())
        reader = PdfReader(str(out))
        assert report.pages == len(reader.pages) == 1
        first = squash(reader.pages[0].extract_text())
        for text in [*LINES, *LEGEND, "Room request", "Order ticket", "Assign a clean room"]:
            assert squash(text) in first, text
        # As a plain journey map: no layers, no connectors, no blueprint legend.
        editing.set_journey_view(doc, journey, "journey")
        export_pdf(doc, journey, tmp_path / "map.pdf", ExportOptions(page="A3").without_appendix())
        plain = squash(pdf_text(tmp_path / "map.pdf"))
        for text in [*LINES, "Room request", "Assign a clean room", "Hand-off between teams"]:
            assert squash(text) not in plain, text
        assert squash("Check-in at desk") in plain  # the customer side is still there
    finally:
        doc.close()


def test_tiled_blueprint_poster_carries_the_blueprint(tmp_path: Path) -> None:
    doc = create_workspace(tmp_path / "hotel.jmap", "hotel_blueprint")
    try:
        out = tmp_path / "poster.pdf"
        options = ExportOptions(page="A4", mode="tile").without_appendix()
        report = export_pdf(doc, find_journey(doc, None), out, options)
        rows, cols = report.sheets
        reader = PdfReader(str(out))
        assert rows * cols > 1 and len(reader.pages) == 1 + rows * cols
        text = squash(pdf_text(out))
        for line in LINES:
            assert squash(line) in text
        assert squash("Hand-off between teams") in text
        assert not report.warnings
    finally:
        doc.close()
