"""PDF export read back with pypdf: pages, sizes, text, metadata, outline, fonts, failures."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper import editing
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError
from journeymapper.pdf import ExportOptions, PdfExportError, PdfOptionError, export_pdf
from journeymapper.pdf.export import ExportCancelled
from journeymapper.pdf.options import PAGE_SIZES
from tests.pdf_support import UNICODE_TITLE, Sample, build_sample, pdf_text, squash

NO_APPENDIX = ExportOptions().without_appendix()


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Document, Sample]]:
    doc, info = build_sample(tmp_path_factory.mktemp("pdf"))
    yield doc, info
    doc.close()


def _size(page) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    box = page.mediabox
    return round(float(box.width)), round(float(box.height))


def test_fit_is_one_map_page_plus_appendix(sample, tmp_path: Path) -> None:
    doc, info = sample
    out = tmp_path / "map.pdf"
    report = export_pdf(doc, info.journey_id, out, ExportOptions(page="A3"))
    reader = PdfReader(str(out))
    assert report.pages == len(reader.pages) > 1
    w, h = PAGE_SIZES["A3"]
    assert all(_size(p) == (round(h), round(w)) for p in reader.pages)  # landscape
    first = reader.pages[0].extract_text()
    assert f"Page 1 of {report.pages}" in first
    only_map = export_pdf(doc, info.journey_id, tmp_path / "m.pdf", NO_APPENDIX)
    assert only_map.pages == len(PdfReader(str(tmp_path / "m.pdf")).pages) == 1


@pytest.mark.parametrize(
    ("page", "orientation"), [("A4", "portrait"), ("Letter", "landscape"), ("Tabloid", "portrait")]
)
def test_page_size_and_orientation(sample, tmp_path: Path, page: str, orientation: str) -> None:
    doc, info = sample
    out = tmp_path / "p.pdf"
    export_pdf(doc, info.journey_id, out, ExportOptions(page=page, orientation=orientation))
    w, h = PAGE_SIZES[page]
    want = (round(min(w, h)), round(max(w, h)))
    if orientation == "landscape":
        want = want[::-1]
    assert {_size(p) for p in PdfReader(str(out)).pages} == {want}


def test_tile_makes_index_and_several_sheets(sample, tmp_path: Path) -> None:
    doc, info = sample
    out = tmp_path / "poster.pdf"
    report = export_pdf(
        doc, info.journey_id, out, ExportOptions(page="A4", mode="tile").without_appendix()
    )
    rows, cols = report.sheets
    reader = PdfReader(str(out))
    assert rows * cols > 1
    assert len(reader.pages) == 1 + rows * cols
    assert "Poster assembly" in reader.pages[0].extract_text()
    assert "sheet A1" in reader.pages[1].extract_text()
    titles = [o.title for o in reader.outline]
    assert titles == ["Poster assembly index", "Poster sheets"]


def test_every_title_and_annotation_is_extractable(sample, tmp_path: Path) -> None:
    doc, info = sample
    out = tmp_path / "all.pdf"
    export_pdf(doc, info.journey_id, out)
    text = squash(pdf_text(out))
    for title in info.titles:
        assert squash(title) in text, title
    for note in info.annotations:
        assert squash(note) in text, note
    # the Unicode sample survives intact on the map page itself
    assert UNICODE_TITLE in PdfReader(str(out)).pages[0].extract_text()


def test_long_title_is_shortened_on_the_map_but_whole_in_the_appendix(sample, tmp_path) -> None:
    doc, info = sample
    long = next(t for t in info.titles if len(t) > 100)
    out = tmp_path / "long.pdf"
    export_pdf(doc, info.journey_id, out)
    reader = PdfReader(str(out))
    assert squash(long) not in squash(reader.pages[0].extract_text())
    assert "…" in reader.pages[0].extract_text()
    assert squash(long) in squash(pdf_text(out))
    report = export_pdf(doc, info.journey_id, tmp_path / "x.pdf", NO_APPENDIX)
    assert any("shortened" in w for w in report.warnings)


def test_metadata_outline_and_embedded_fonts(sample, tmp_path: Path) -> None:
    doc, info = sample
    out = tmp_path / "meta.pdf"
    export_pdf(doc, info.journey_id, out)
    reader = PdfReader(str(out))
    meta = reader.metadata
    assert "Customer journey" in meta.title
    assert meta.author
    assert "sample" in meta.subject
    outline = [o.title for o in reader.outline]
    assert outline[0] == "Map"
    assert {"Annotations", "Touchpoints", "Metrics", "Charts"} <= set(outline)
    raw = out.read_bytes()
    assert b"/FontFile2" in raw
    assert b"DejaVuSans" in raw


def test_missing_glyphs_are_warned_not_silent(tmp_path: Path) -> None:
    doc, info = build_sample(tmp_path)
    try:
        tp = doc.rows("SELECT id FROM touchpoint ORDER BY id LIMIT 1")[0][0]
        editing.edit_touchpoint(doc, tp, title="Tea 漢字 shop")
        report = export_pdf(doc, info.journey_id, tmp_path / "g.pdf", NO_APPENDIX)
    finally:
        doc.close()
    assert any("U+6F22" in w for w in report.warnings)
    assert any("U+5B57" in w for w in report.warnings)
    assert "\ufffd" in pdf_text(tmp_path / "g.pdf")


def test_empty_journey_exports_a_clear_empty_map(tmp_path: Path) -> None:
    doc = Document.create(tmp_path / "empty.jmap")
    try:
        journey = editing.add_journey(doc, name="Nothing yet").created_id
        out = tmp_path / "empty.pdf"
        report = export_pdf(doc, journey, out)
        text = pdf_text(out)
        assert "no stages or lanes" in text
        assert report.pages >= 1
        stage = editing.add_stage(doc, journey_id=journey, name="Only stage").created_id
        assert stage
        editing.add_lane(doc, journey_id=journey, name="Web", kind="channel", channel_kind="online")
        export_pdf(doc, journey, out, ExportOptions(mode="tile", page="A4"))
        assert "No touchpoints yet" in pdf_text(out)
    finally:
        doc.close()


def test_unknown_journey_and_options_are_refused(sample, tmp_path: Path) -> None:
    doc, _info = sample
    out = tmp_path / "x.pdf"
    with pytest.raises(DocumentError, match="no journey"):
        export_pdf(doc, 9999, out)
    with pytest.raises(PdfOptionError, match="Unknown page size 'B5'"):
        export_pdf(doc, 1, out, ExportOptions(page="B5"))
    with pytest.raises(PdfOptionError, match="orientation"):
        export_pdf(doc, 1, out, ExportOptions(orientation="diagonal"))
    assert not out.exists()


def test_unwritable_targets_are_refused(sample, tmp_path: Path) -> None:
    doc, info = sample
    with pytest.raises(PdfExportError, match="does not exist"):
        export_pdf(doc, info.journey_id, tmp_path / "missing" / "x.pdf")
    with pytest.raises(PdfExportError, match="is a folder"):
        export_pdf(doc, info.journey_id, tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into read-only folders")
def test_read_only_folder_is_refused(sample, tmp_path: Path) -> None:
    doc, info = sample
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(PdfExportError, match="read-only"):
            export_pdf(doc, info.journey_id, folder / "x.pdf")
    finally:
        folder.chmod(0o755)


def test_failure_mid_export_leaves_no_file_and_keeps_the_old_one(sample, tmp_path, monkeypatch):
    doc, info = sample
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"old")

    def boom(done: int, total: int, what: str) -> None:
        if done == 1:
            raise ExportCancelled("stopped")

    with pytest.raises(ExportCancelled):
        export_pdf(doc, info.journey_id, out, progress=boom)
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PdfExportError, match="Permission denied"):
        export_pdf(doc, info.journey_id, out, NO_APPENDIX)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


def test_progress_reports_every_page(sample, tmp_path: Path) -> None:
    doc, info = sample
    seen: list[tuple[int, int]] = []
    report = export_pdf(
        doc, info.journey_id, tmp_path / "p.pdf", progress=lambda d, t, _w: seen.append((d, t))
    )
    assert seen[-1] == (report.pages, report.pages)
    assert [d for d, _ in seen] == list(range(report.pages + 1))


def test_health_findings_are_listed(sample, tmp_path: Path) -> None:
    doc, info = sample
    out = tmp_path / "h.pdf"
    findings = [("warning", "Stage Advocacy has no feedback metric"), ("info", "Fine otherwise")]
    export_pdf(doc, info.journey_id, out, findings=findings)
    reader = PdfReader(str(out))
    assert "Journey health" in [o.title for o in reader.outline]
    text = pdf_text(out)
    assert "Stage Advocacy has no feedback metric" in text


def test_fitting_a_huge_map_on_a_small_page_warns(tmp_path: Path) -> None:
    doc, info = build_sample(tmp_path, per_cell=12)
    try:
        report = export_pdf(
            doc,
            info.journey_id,
            tmp_path / "s.pdf",
            ExportOptions(page="A4", orientation="portrait").without_appendix(),
        )
        big = export_pdf(
            doc, info.journey_id, tmp_path / "b.pdf", ExportOptions(page="A0").without_appendix()
        )
    finally:
        doc.close()
    assert any("hard to read" in w for w in report.warnings)
    assert not any("hard to read" in w for w in big.warnings)


def test_the_collector_is_paused_during_an_export_and_given_back(sample, tmp_path) -> None:
    """The export pauses the cyclic collector (a sixth of its time at 10,000 cards); a
    finished, cancelled or already-paused export leaves it as it found it."""
    doc, info = sample
    seen: list[bool] = []

    def watch(done: int, total: int, what: str) -> None:
        seen.append(gc.isenabled())

    assert gc.isenabled()
    export_pdf(doc, info.journey_id, tmp_path / "a.pdf", NO_APPENDIX, progress=watch)
    assert seen and not any(seen) and gc.isenabled()

    def cancel(done: int, total: int, what: str) -> None:
        raise ExportCancelled("stopped")

    with pytest.raises(ExportCancelled):
        export_pdf(doc, info.journey_id, tmp_path / "b.pdf", NO_APPENDIX, progress=cancel)
    assert gc.isenabled() and not (tmp_path / "b.pdf").exists()

    gc.disable()
    try:
        export_pdf(doc, info.journey_id, tmp_path / "c.pdf", NO_APPENDIX)
        assert not gc.isenabled()  # someone else paused it: theirs to resume
    finally:
        gc.enable()
