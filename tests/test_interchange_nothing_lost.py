"""Interchange files lose nothing: formula cells, CSV lane order, hostile and huge JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymapper import editing, interchange
from journeymapper.cli import main
from journeymapper.interchange import touchpoints_csv, workspace_export
from journeymapper.interchange.formula_cells import TRIGGERS, neutralise, restore
from journeymapper.interchange.touchpoint_rows import lane_order
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace

TITLES = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3+cmd",
    "'quoted from the start",
    "'=already quoted by the user",
    "=1+1",
    "plain title",
]


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


@given(st.text())
def test_restore_undoes_neutralise_and_nothing_written_starts_a_formula(text: str) -> None:
    written = neutralise(text)
    assert restore(written) == text
    assert written[:1] not in TRIGGERS


def _formula_workspace(path: Path) -> tuple[Document, int]:
    doc = create_workspace(path, "blank")
    journey = find_journey(doc, None)
    data = load_journey(doc, journey)
    lanes = {ln.name: ln.id for ln in data.lanes}
    editing.rename_stage(doc, data.stages[0].id, "=stage")
    for i, title in enumerate(TITLES):
        tp = editing.add_touchpoint(
            doc,
            data.stages[0].id,
            lanes["Website"],
            title,
            description="-minus description",
            owner="@team",
            emotion=-2 if i % 2 else None,
        ).created_id
        editing.set_measurement(doc, tp, "nps", -40.0 - i, "2026-01-02")
    return doc, journey


def test_formula_cells_are_neutralised_and_come_back_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc, _ = _formula_workspace(tmp_path / "a.jmap")
    doc.close()
    out = tmp_path / "a.csv"
    assert _cli(["export", "csv", str(tmp_path / "a.jmap"), "-o", str(out)], capsys)[0] == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    header = rows[0]
    text_columns = {"stage", "lane", "channel kind", "title", "description", "interaction"}
    text_columns |= {"evidence", "owner"}
    for row in rows[1:]:
        for name, cell in zip(header, row, strict=True):
            if name in text_columns:
                assert cell[:1] not in TRIGGERS, (name, cell)
        assert row[header.index("stage")] == "'=stage"
        assert row[header.index("NPS")].startswith("-4")  # numbers stay numbers
    assert [r[header.index("emotion")] for r in rows[1:]] == ["", "-2"] * 4
    assert [r[header.index("title")] for r in rows[1:]] == [
        "'" + t if t[:1] in "=+-@" or t.startswith("'=") else t for t in TITLES
    ]
    target = tmp_path / "b.jmap"
    assert _cli(["import", "csv", str(out), "-o", str(target)], capsys)[0] == 0
    with Document.open(target, read_only=True) as copy:
        data = load_journey(copy, find_journey(copy, None))
        assert [s.name for s in data.stages] == ["=stage"]
        cards = [t for cell in data.cells().values() for t in cell]
        assert [t.title for t in cards] == TITLES
        assert {t.description for t in cards} == {"-minus description"}
        assert {t.owner for t in cards} == {"@team"}
        assert [t.emotion for t in cards] == [None, -2] * 4
        assert [t.latest["nps"].value for t in cards] == [-40.0 - i for i in range(8)]
    again = tmp_path / "b.csv"
    assert _cli(["export", "csv", str(target), "-o", str(again)], capsys)[0] == 0
    assert again.read_bytes() == out.read_bytes()


TEMPLATES = ("blank", "ecommerce", "retail", "support", "marketing", "hospitality")


@pytest.mark.parametrize("template", TEMPLATES)
def test_csv_export_import_export_is_identical_for_every_template(
    template: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_workspace(tmp_path / "a.jmap", template).close()
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert _cli(["export", "csv", str(tmp_path / "a.jmap"), "-o", str(first)], capsys)[0] == 0
    assert _cli(["import", "csv", str(first), "-o", str(tmp_path / "b.jmap")], capsys)[0] == 0
    assert _cli(["export", "csv", str(tmp_path / "b.jmap"), "-o", str(second)], capsys)[0] == 0
    assert second.read_bytes() == first.read_bytes()


def test_lane_order_follows_each_stage_then_online_first() -> None:
    new = [("Store", "offline"), ("Email", "online"), ("App", "online"), ("Phone", "offline")]
    # Stage rows say Email before Store and App before Phone; nothing orders the rest.
    assert lane_order(new, [["store"], ["email", "store"], ["app", "phone"]]) == [
        ("Email", "online"),
        ("App", "online"),
        ("Store", "offline"),
        ("Phone", "offline"),
    ]
    # An edited file that contradicts itself still gives every lane once.
    cycle = lane_order(new, [["store", "email"], ["email", "store"]])
    assert sorted(cycle) == sorted(new)


def test_csv_import_keeps_the_order_lanes_had_in_a_stage(doc: Document) -> None:
    text = "stage,lane,channel kind,title\nA,Kiosk,offline,k\nB,Web,online,w\nB,Kiosk,offline,k2\n"
    result = touchpoints_csv.import_touchpoints(doc, text.encode(), "x.csv", None)
    assert result.created_id is not None
    names = [ln.name for ln in load_journey(doc, result.created_id).lanes]
    assert names.index("Web") < names.index("Kiosk")


# -- JSON --------------------------------------------------------------------------------


VERSION_TEXT = f'"version": {workspace_export.VERSION}'


def _json_cli(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    src = tmp_path / "in.json"
    src.write_text(text, "utf-8")
    code, err = _cli(["import", "json", str(src), "-o", str(tmp_path / "out.jmap")], capsys)
    assert code == 1
    assert not (tmp_path / "out.jmap").exists()
    return err


def _export_text(tmp_path: Path) -> str:
    if not (tmp_path / "src.jmap").exists():
        create_workspace(tmp_path / "src.jmap", "retail").close()
    with Document.open(tmp_path / "src.jmap", read_only=True) as doc:
        return workspace_export.dumps(workspace_export.export_workspace(doc))


def test_huge_numbers_are_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _export_text(tmp_path).replace(VERSION_TEXT, '"version": ' + "9" * 5000, 1)
    assert "in.json holds a whole number of 5000 digits" in _json_cli(tmp_path, text, capsys)
    text = _export_text(tmp_path).replace(VERSION_TEXT, '"version": 2.' + "5" * 5000, 1)
    assert "in.json holds a number written with 5002 characters" in _json_cli(
        tmp_path, text, capsys
    )


def test_deep_nesting_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for depth in (40, 100_000):
        err = _json_cli(tmp_path, "[" * depth + "]" * depth, capsys)
        assert "in.json is nested more than 32 levels deep" in err
    # Brackets inside strings do not count.
    text = _export_text(tmp_path).replace('"name": "', '"name": "' + "[{" * 50, 1)
    src = tmp_path / "ok.json"
    src.write_text(text, "utf-8")
    interchange.import_json_file(src, tmp_path / "ok.jmap")


def test_lone_surrogates_and_duplicate_keys_are_refused_with_their_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.loads(_export_text(tmp_path))
    good["journeys"][0]["touchpoints"][1]["title"] = "\ud800 broken"
    err = _json_cli(tmp_path, json.dumps(good), capsys)
    assert "a lone surrogate) in journeys[0].touchpoints[1].title" in err
    # A proper pair (an emoji written as two escapes) is fine.
    good["journeys"][0]["touchpoints"][1]["title"] = "\ud83d\ude00"
    (tmp_path / "pair.json").write_text(json.dumps(good), "utf-8")
    interchange.import_json_file(tmp_path / "pair.json", tmp_path / "pair.jmap")
    text = _export_text(tmp_path).replace('"owner": "', '"owner": "x", "owner": "', 1)
    err = _json_cli(tmp_path, text, capsys)
    assert "has the key 'owner' twice in the object at journeys[0].touchpoints[0]" in err
    text = _export_text(tmp_path).replace(VERSION_TEXT, VERSION_TEXT + ", " + VERSION_TEXT, 1)
    assert "has the key 'version' twice in the top object" in _json_cli(tmp_path, text, capsys)


def test_json_export_never_writes_what_import_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = create_workspace(tmp_path / "big.jmap", "retail")
    tp = min(load_journey(doc, find_journey(doc, None)).touchpoints)
    for day in range(1, 29):
        editing.set_measurement(doc, tp, "csat", 4.0, f"2026-02-{day:02d}")
    doc.close()
    size = len((_export := _export_json(tmp_path, capsys)).encode())
    monkeypatch.setattr(workspace_export, "MAX_BYTES", size)
    out = _export_json(tmp_path, capsys)
    assert out == _export
    interchange.import_json_file(tmp_path / "big.json", tmp_path / "back.jmap")  # same limit
    monkeypatch.setattr(workspace_export, "MAX_BYTES", size - 1)
    (tmp_path / "big.json").unlink()
    code, err = _cli(
        ["export", "json", str(tmp_path / "big.jmap"), "-o", str(tmp_path / "big.json")], capsys
    )
    assert code == 1
    assert "too large for a JSON export" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "big.json").exists()


def _export_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out = tmp_path / "big.json"
    assert _cli(["export", "json", str(tmp_path / "big.jmap"), "-o", str(out)], capsys)[0] == 0
    return out.read_text("utf-8")
