"""The PDF's "Opportunity portfolio" section: matrix, table and the pain points answered."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from journeymapper.pdf.export import export_pdf
from journeymapper.pdf.options import ExportOptions
from journeymapper.store.journey_data import find_journey
from tests.portfolio_support import retail_portfolio


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_portfolio_section_lists_the_journeys_opportunities(tmp_path: Path) -> None:
    doc = retail_portfolio(tmp_path / "retail.jmap")
    try:
        out = tmp_path / "map.pdf"
        export_pdf(doc, find_journey(doc, None), out)
        options = ExportOptions().without_appendix()
        export_pdf(doc, find_journey(doc, None), tmp_path / "bare.pdf", options)
    finally:
        doc.close()
    pages = [p for p in _pages(out) if "Appendix · Opportunity portfolio" in p]
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    for quadrant in ("Quick wins", "Big bets", "Fill-ins", "Money pits"):
        assert quadrant in text
    assert "Live store stock" in text and "In progress · Digital · high confidence" in text
    assert "5 · 2" in text and "2027-03-31" in text
    assert "Research #1: Stock shown online is often wrong for sizes" in text
    assert "Target: CSAT on Store stock checker (Research): 3.1 → 4.5" in text
    assert "Any receipt works" in text and "Done · no owner" in text
    # An opportunity linked to nothing in this journey is not in its PDF.
    assert "Rebuild the app" not in text
    assert not any("Opportunity portfolio" in p for p in _pages(tmp_path / "bare.pdf"))
