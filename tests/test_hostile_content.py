"""Hostile content: huge titles, control characters, right-to-left and combining marks,
emoji and SQL-like strings are stored and read back exactly, the canvas builds and
paints them in reasonable time, and the PDF stays valid."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.store.journey_data import journey_ids, load_journey
from journeymapper.templates import create_workspace

HOSTILE = [
    "x" * 100_000,
    "A\u0000B\u0001C\u0007D\u001bE\u007fF\u200bG",  # NUL, bell, escape, delete, zero-width
    "tab\tand\nnew\r\nlines",
    "مرحبا بالعالم — שלום עולם",  # right to left
    "\u202eevil\u202c override and \u2066isolate\u2069",  # bidi controls
    "Z\u0351\u0361\u0338a\u0352\u0346\u0343l\u035b\u0351g\u0357o",  # stacked combining marks
    "e\u0301 vs \u00e9",  # decomposed vs composed: kept as given
    "👩🏽‍🚀 family 👨‍👩‍👧‍👦 flags 🇳🇱🇯🇵 \U0010ffff",
    "Robert'); DROP TABLE touchpoint;--",
    "' OR 1=1 -- \" ; SELECT * FROM sqlite_master; /*",
    "%s %d {0} {title} $(rm -rf ~) `id` <script>alert(1)</script>",
    "\ud7ff\ue000\ufffd\ufeff",
]


@pytest.fixture
def hostile_doc(tmp_path: Path):
    doc = create_workspace(tmp_path / "hostile.jmap", "blank")
    journey_id = journey_ids(doc)[0][0]
    data = load_journey(doc, journey_id)
    lane = next(ln for ln in data.lanes if ln.kind == "channel")
    ids = []
    for i, text in enumerate(HOSTILE):
        stage = data.stages[i % len(data.stages)]
        tp = editing.add_touchpoint(doc, stage.id, lane.id, text, description=text, owner=text)
        ids.append(tp.created_id)
        editing.add_annotation(doc, "note", text, touchpoint_id=tp.created_id)
    editing.rename_stage(doc, data.stages[0].id, HOSTILE[3])
    editing.edit_journey(doc, journey_id, name=HOSTILE[8])
    yield doc, journey_id, ids
    doc.close()


def test_stored_and_read_back_exactly(hostile_doc) -> None:
    doc, journey_id, ids = hostile_doc
    path = doc.path
    doc.close()
    with Document.open(path) as again:
        data = load_journey(again, journey_id)
        by_id = {tp.id: tp for tp in data.touchpoints.values()}
        for tp_id, text in zip(ids, HOSTILE, strict=True):
            assert by_id[tp_id].title == text
            assert by_id[tp_id].description == text
            assert by_id[tp_id].owner == text
        assert sorted(a.text for a in data.annotations) == sorted(HOSTILE)
        assert data.stages[0].name == HOSTILE[3]
        assert data.name == HOSTILE[8]
        # The SQL-like strings did nothing: every table is still there.
        assert again.rows("SELECT count(*) FROM touchpoint")[0][0] == len(HOSTILE)


def test_canvas_builds_and_paints_in_reasonable_time(qtbot, hostile_doc) -> None:
    from PySide6.QtGui import QImage, QPainter

    from journeymapper.ui.canvas.editable_scene import EditableScene

    doc, journey_id, ids = hostile_doc
    scene = EditableScene()
    start = time.perf_counter()
    scene.show_journey(doc, journey_id)
    rect = scene.sceneRect()
    image = QImage(
        int(rect.width() / 2) + 1, int(rect.height() / 2) + 1, QImage.Format.Format_ARGB32
    )
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    scene.render(painter)
    painter.end()
    elapsed = time.perf_counter() - start
    assert set(scene.cards) == set(ids)
    assert elapsed < 5.0, f"building and painting took {elapsed:.1f} s"
    # Something was painted (not an all-white image).
    assert any(image.pixel(x, image.height() // 3) != 0xFFFFFFFF for x in range(image.width()))


def test_pdf_stays_valid(hostile_doc, tmp_path: Path) -> None:
    pdf = pytest.importorskip("journeymapper.pdf")
    pypdf = pytest.importorskip("pypdf")
    doc, journey_id, _ids = hostile_doc
    out = tmp_path / "hostile.pdf"
    start = time.perf_counter()
    pdf.export_pdf(doc, journey_id, out)
    elapsed = time.perf_counter() - start
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) >= 1
    text = "".join(page.extract_text() or "" for page in reader.pages)
    assert "DROP TABLE" in text
    assert elapsed < 10.0, f"export took {elapsed:.1f} s"
