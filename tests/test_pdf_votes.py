"""Dot-voting results in the PDF appendix, read back with pypdf."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.pdf import ExportOptions, export_pdf
from journeymapper.store.journey_data import find_journey, load_journey, load_vote_results
from journeymapper.templates import create_workspace
from tests.pdf_support import squash

SECTION = "Dot-voting results"
#: Only the voting section, so each export stays fast.
ONLY_VOTES = dataclasses.replace(ExportOptions(page="A4").without_appendix(), votes=True)


def _workspace(path: Path) -> tuple[Document, int, dict[str, int]]:
    """Blank template with three cards and one annotation; no voting round yet."""
    doc = create_workspace(path, "blank")
    journey = find_journey(doc, None)
    data = load_journey(doc, journey)
    stages = [s.id for s in data.stages]
    web = next(ln.id for ln in data.lanes if ln.name == "Website")
    ids = {
        title: editing.add_touchpoint(doc, stage, web, title).created_id
        for title, stage in (
            ("Landing page", stages[0]),
            ("Pricing page", stages[1]),
            ("Checkout page", stages[2]),
        )
    }
    ids["note"] = editing.add_annotation(
        doc, "pain_point", "Slow to load", touchpoint_id=ids["Pricing page"]
    ).created_id
    return doc, journey, ids


def _section_text(path: Path) -> str | None:
    """Text of the pages from the section's bookmark to the next one (None when absent)."""
    reader = PdfReader(str(path))
    marks = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    for i, (title, first) in enumerate(marks):
        if title == SECTION:
            end = marks[i + 1][1] if i + 1 < len(marks) else len(reader.pages)
            return "\n".join(reader.pages[p].extract_text() for p in range(first, end))
    return None


@pytest.fixture
def voted(tmp_path: Path):  # type: ignore[no-untyped-def]
    doc, journey, ids = _workspace(tmp_path / "votes.jmap")
    top = editing.add_vote_round(doc, journey, "Top pains", dots_per_participant=3).created_id
    for who, target in (
        ("P1", "Checkout page"),
        ("P1", "Checkout page"),
        ("P2", "Checkout page"),
        ("P2", "Pricing page"),
    ):
        editing.vote(doc, top, who, touchpoint_id=ids[target])
    editing.vote(doc, top, "P3", annotation_id=ids["note"])
    editing.vote(doc, top, "P1", annotation_id=ids["note"])
    editing.set_vote_round_state(doc, top, "closed")
    secret = editing.add_vote_round(doc, journey, "Secret round").created_id
    for who in ("P1", "P2", "P3"):
        editing.vote(doc, secret, who, touchpoint_id=ids["Landing page"])
    editing.set_vote_round_state(doc, secret, "hidden")
    yield doc, journey
    doc.close()


def test_results_are_read_ranked(voted) -> None:  # type: ignore[no-untyped-def]
    doc, journey = voted
    top, secret = load_vote_results(doc, journey)
    assert (top.name, top.state, top.dots_per_participant, top.participants) == (
        "Top pains",
        "closed",
        3,
        3,
    )
    assert [i.votes for i in top.items] == [3, 2, 1]
    assert top.items[1].annotation_id is not None and top.items[1].touchpoint_id is None
    assert top.total == 6
    assert secret.state == "hidden"


def test_section_lists_rounds_and_ranked_items(voted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc, journey = voted
    out = tmp_path / "votes.pdf"
    export_pdf(doc, journey, out, ONLY_VOTES)
    text = _section_text(out)
    assert text is not None, "no outline entry for the section"
    flat = squash(text)
    assert squash(f"Appendix · {SECTION}") in flat
    assert "Toppains" in flat
    assert squash("Closed · 3 dots per participant · 3 participants · 6 votes in all") in flat
    ranked = [
        squash("Checkout page 3 votes"),
        squash("Annotation 1: Slow to load 2 votes"),
        squash("Pricing page 1 vote"),
    ]
    where = [flat.find(r) for r in ranked]
    assert -1 not in where, flat
    assert where == sorted(where)
    # the stage of each item is named (Checkout page sits in the third stage)
    stage = load_journey(doc, journey).stages[2].name
    assert squash(stage) in flat
    assert squash("1 hidden voting round is not listed.") in flat
    assert "Secretround" not in flat and "Landingpage" not in flat


def test_no_section_without_rounds_or_when_switched_off(voted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc, journey = voted
    out = tmp_path / "off.pdf"
    export_pdf(doc, journey, out, dataclasses.replace(ONLY_VOTES, votes=False))
    assert _section_text(out) is None
    assert ExportOptions().without_appendix().votes is False

    bare, bare_journey, _ = _workspace(tmp_path / "bare.jmap")
    try:
        out = tmp_path / "bare.pdf"
        report = export_pdf(bare, bare_journey, out, ONLY_VOTES)
        assert report.pages == 1
        assert _section_text(out) is None
        assert "Dot-voting" not in PdfReader(str(out)).pages[0].extract_text()
    finally:
        bare.close()


def test_only_hidden_rounds_are_one_line(voted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc, journey = voted
    first = load_vote_results(doc, journey)[0].id
    editing.set_vote_round_state(doc, first, "hidden")
    out = tmp_path / "hidden.pdf"
    export_pdf(doc, journey, out, ONLY_VOTES)
    flat = squash(_section_text(out) or "")
    assert squash("2 hidden voting rounds are not listed.") in flat
    assert "Toppains" not in flat and "Checkoutpage" not in flat
