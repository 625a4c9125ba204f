"""A retail-template workspace with a few opportunities, for the portfolio tests and pictures."""

from __future__ import annotations

from pathlib import Path

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.templates import create_workspace


def _tp(doc: Document, title: str) -> int:
    return int(doc.rows("SELECT id FROM touchpoint WHERE title = ?", (title,))[0][0])


def _pain(doc: Document, tp: int) -> int:
    return int(
        doc.rows(
            "SELECT id FROM annotation WHERE kind = 'pain_point' AND touchpoint_id = ?", (tp,)
        )[0][0]
    )


def retail_portfolio(path: Path) -> Document:
    """The retail template plus four opportunities with links, targets and a solution."""
    doc = create_workspace(path, "retail")
    stock, till, returns = (
        _tp(doc, t) for t in ("Store stock checker", "Till queue", "Returns desk")
    )
    sync = editing.add_opportunity(
        doc, "Live store stock", owner="Digital", status="in_progress", value=5, effort=2,
        confidence="high", due_on="2027-03-31",
        description="Sync store stock every 15 minutes.",
    ).created_id  # fmt: skip
    editing.link_opportunity(doc, sync, annotation_id=_pain(doc, stock))
    editing.link_opportunity(doc, sync, touchpoint_id=stock)
    editing.add_target(doc, sync, "csat", 4.5, touchpoint_id=stock, from_value=3.1)
    editing.add_solution(doc, sync, "Stock feed from the tills", owner="IT", status="testing")
    pay = editing.add_opportunity(
        doc, "Pay on the floor", owner="Store ops", status="planned", value=4, effort=4,
        due_on="2027-06-30",
    ).created_id  # fmt: skip
    editing.link_opportunity(doc, pay, annotation_id=_pain(doc, till))
    editing.add_target(doc, pay, "drop_off_rate", 5, touchpoint_id=till, from_value=12)
    receipts = editing.add_opportunity(
        doc, "Any receipt works", owner="", status="done", value=3, effort=1,
        started_on="2026-01-15",
    ).created_id  # fmt: skip
    editing.link_opportunity(doc, receipts, annotation_id=_pain(doc, returns))
    editing.add_opportunity(
        doc, 'Rebuild the app = "=SUM(A1)"', owner="Digital", value=2, effort=5,
        description="Line one,\nline two with \"quotes\"",
    )  # fmt: skip
    return doc
