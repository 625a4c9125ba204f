"""Touchpoints CSV: every fixture variant imports to the expected map, or to the exact report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeymapper import editing, interchange
from journeymapper.cli import main
from journeymapper.interchange import ImportCancelled, ImportFailed, touchpoints_csv, workspace_json
from journeymapper.model.document import Document
from journeymapper.store.journey_data import find_journey, load_journey
from journeymapper.templates import create_workspace

DATA = Path(__file__).parent / "data" / "csv"


def _cards(doc: Document) -> list[tuple]:  # type: ignore[type-arg]
    """(stage, lane, channel kind, title, description, emotion, latest values) in map order."""
    data = load_journey(doc, find_journey(doc, None))
    lanes = {ln.id: ln for ln in data.lanes}
    cells = data.cells()
    out = []
    for s in data.stages:
        for ln in data.lanes:
            for t in cells.get((s.id, ln.id), ()):
                values = {k: m.value for k, m in t.latest.items()}
                lane = lanes[t.lane_id]
                out.append(
                    (
                        s.name,
                        lane.name,
                        lane.channel_kind,
                        t.title,
                        t.description,
                        t.emotion,
                        values,
                    )
                )
    return out


def _import(tmp_path: Path, name: str) -> Document:
    target = tmp_path / "out.jmap"
    interchange.import_csv_file(DATA / name, target)
    return Document.open(target, read_only=True)


def test_plain_utf8_file(tmp_path: Path) -> None:
    with _import(tmp_path, "touchpoints_utf8.csv") as doc:
        data = load_journey(doc, find_journey(doc, None))
        assert data.name == "touchpoints_utf8"
        assert [s.name for s in data.stages] == ["Awareness", "Consideration", "Purchase"]
        assert [(ln.name, ln.channel_kind) for ln in data.lanes] == [
            ("Website", "online"),
            ("Social media", "online"),
            ("Store", "offline"),
            ("Kiosk", "offline"),
        ]
        assert _cards(doc) == [
            (
                "Awareness",
                "Website",
                "online",
                "Landing page",
                "First visit",
                1,
                {"csat": 4.2, "engagement_rate": 35.0},
            ),
            (
                "Awareness",
                "Social media",
                "online",
                "Instagram ad",
                "",
                0,
                {"engagement_rate": 12.5},
            ),
            (
                "Consideration",
                "Website",
                "online",
                "Pricing page",
                "Compares plans, reads FAQ",
                -1,
                {"csat": 3.8},
            ),
            (
                "Purchase",
                "Store",
                "offline",
                "Café checkout",
                "Pays at the counter",
                2,
                {"csat": 4.6},
            ),
            ("Purchase", "Kiosk", "offline", "Self-service kiosk", "", None, {}),
        ]
        tps = {t.title: t for t in data.touchpoints.values()}
        assert tps["Instagram ad"].interaction == "indirect"
        assert tps["Instagram ad"].evidence == "assumed"
        assert tps["Self-service kiosk"].evidence == "proposed"
        assert tps["Landing page"].owner == "Web team"
        latest = tps["Landing page"].latest["csat"]
        assert latest.measured_on == dt.date.today()
        assert latest.source == "Imported from touchpoints_utf8.csv"


def test_bom_crlf_quoted_newlines_and_synonym_headers(tmp_path: Path) -> None:
    with _import(tmp_path, "touchpoints_bom_crlf.csv") as doc:
        assert _cards(doc) == [
            (
                "Awareness",
                "Email",
                "online",
                "Welcome mail",
                "Line one\r\nLine two, with comma",
                1,
                {},
            ),
            ("Retention", "Email", "online", 'Renewal "reminder"', "", -2, {}),
        ]
        data = load_journey(doc, find_journey(doc, None))
        assert {t.owner for t in data.touchpoints.values()} == {"CRM"}


def test_semicolon_windows_1252_with_decimal_commas(tmp_path: Path) -> None:
    with _import(tmp_path, "touchpoints_semicolon_cp1252.csv") as doc:
        assert _cards(doc) == [
            (
                "Awareness",
                "Website",
                "online",
                "Startseite",
                "Erster Eindruck – schön",
                None,
                {"csat": 4.5, "nps": -12.0},
            ),
            (
                "Purchase",
                "Store",
                "offline",
                "Kasse",
                "Bezahlung für Bücher",
                None,
                {"csat": 3.25, "nps": 40.0},
            ),
        ]


def test_excel_unicode_text_utf16_tab_separated(tmp_path: Path) -> None:
    with _import(tmp_path, "touchpoints_excel_unicode.txt") as doc:
        assert _cards(doc) == [
            (
                "Purchase",
                "Website",
                "online",
                "Checkout",
                "Three steps\nthen done",
                None,
                {"ces": 2.5},
            ),
            ("Retention", "Phone", "online", "Hotline – 日本語", "", None, {"ces": 5.0}),
        ]


def test_utf16_big_endian(tmp_path: Path) -> None:
    with _import(tmp_path, "touchpoints_utf16_be.csv") as doc:
        assert _cards(doc) == [("Awareness", "Ads", "online", "Billboard", "", None, {})]


def _failure(tmp_path: Path, name: str) -> list[str]:
    target = tmp_path / "out.jmap"
    with pytest.raises(ImportFailed) as info:
        interchange.import_csv_file(DATA / name, target)
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind either
    return info.value.report.lines()


def test_broken_rows_are_all_reported_and_nothing_is_created(tmp_path: Path) -> None:
    assert _failure(tmp_path, "touchpoints_broken.csv") == [
        "line 2, column 'title': The touchpoint title is missing.",
        "line 3, column 'emotion': Emotion '5' must be a whole number from -2 to 2.",
        "line 4, column 'interaction': 'sometimes' is not one of direct, indirect.",
        "line 6, column 'channel kind': The lane 'Store' is offline, but this row says online.",
        "line 7, column 'CSAT': 'lots' is not a number.",
        "line 8, column 'CSAT': CSAT must be from 1 to 5; 9 is out of range.",
        "line 9, column 'stage': The stage is missing.",
        "line 9, column 'evidence': 'guessed' is not one of observed, assumed, proposed.",
        "line 11: This row has 9 values but the header has 8 columns "
        "(is a value with a comma missing its quotes?).",
    ]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("empty.csv", ["empty.csv is empty: there is nothing to import."]),
        ("blank_lines.csv", ["blank_lines.csv is empty: there is nothing to import."]),
        (
            "header_only.csv",
            ["header_only.csv has a header but no rows: there is nothing to import."],
        ),
        ("binary.csv", ["binary.csv is not a CSV file: it contains binary data."]),
        (
            "workbook.csv",
            [
                "workbook.csv is not a CSV file: it is a ZIP archive, but not a readable Excel "
                "workbook (.xlsx) (File is not a zip file)."
            ],
        ),
        (
            "bad_utf16.csv",
            ["bad_utf16.csv is damaged: it is not valid UTF-16 text (unexpected end of data)."],
        ),
        (
            "touchpoints_unknown_column.csv",
            [
                "line 1, column 'Satisfaction score': Unknown column 'Satisfaction score': it is "
                "neither a touchpoint field nor a metric (Engagement rate, CSAT, NPS, Conversion "
                "rate, Customer Effort Score, Drop-off rate). Rename or remove it."
            ],
        ),
        (
            "touchpoints_missing_columns.csv",
            [
                "line 1: The header has no 'lane' column (or 'channel', 'swimlane', 'swim lane'). "
                "Columns found: 'phase', 'name'."
            ],
        ),
        (
            "touchpoints_duplicate_columns.csv",
            [
                "line 1, column 'Name': Two columns both mean 'title': 'title' and 'Name'. "
                "Remove one of them."
            ],
        ),
    ],
)
def test_whole_file_problems(tmp_path: Path, name: str, lines: list[str]) -> None:
    assert _failure(tmp_path, name) == lines


def test_unknown_columns_can_be_ignored(tmp_path: Path) -> None:
    target = tmp_path / "out.jmap"
    interchange.import_csv_file(
        DATA / "touchpoints_unknown_column.csv", target, ignore_unknown=True
    )
    with Document.open(target, read_only=True) as doc:
        assert _cards(doc) == [("Awareness", "Website", "online", "Home", "", None, {})]


@pytest.fixture
def blank(tmp_path: Path) -> Document:
    doc = create_workspace(tmp_path / "blank.jmap", "blank")
    yield doc
    doc.close()


def test_import_into_existing_journey_reuses_stages_and_lanes(blank: Document) -> None:
    journey = find_journey(blank, None)
    data = (DATA / "touchpoints_utf8.csv").read_bytes()
    result = touchpoints_csv.import_touchpoints(blank, data, "tp.csv", journey)
    after = load_journey(blank, journey)
    assert [s.name for s in after.stages] == [
        "Awareness",
        "Consideration",
        "Purchase",
        "Retention",
        "Advocacy",
    ]
    assert [ln.name for ln in after.lanes][-1] == "Kiosk"  # the one missing lane, appended
    assert result.counts == {"lanes": 1, "touchpoints": 5, "measurements": 5}
    # The whole import is one undo step.
    editing.apply(blank, result.inverse)
    assert load_journey(blank, journey).touchpoints == {}
    assert [ln.name for ln in load_journey(blank, journey).lanes][-1] == "Backstage"


def test_failed_import_into_existing_workspace_changes_nothing(blank: Document) -> None:
    journey = find_journey(blank, None)
    before = workspace_json.dumps(workspace_json.export_workspace(blank))
    bad = b"stage,lane,title,CSAT\nNew stage,Thoughts,In a text lane,4\nNew,New lane,Ok,0\n"
    with pytest.raises(ImportFailed) as info:
        touchpoints_csv.import_touchpoints(blank, bad, "bad.csv", journey)
    assert info.value.report.lines() == [
        "line 2, column 'lane': 'Thoughts' is a text lane; touchpoints go in channel lanes.",
        "line 3, column 'CSAT': CSAT must be from 1 to 5; 0 is out of range.",
    ]
    assert workspace_json.dumps(workspace_json.export_workspace(blank)) == before


def test_export_then_import_round_trips(blank: Document, tmp_path: Path) -> None:
    journey = find_journey(blank, None)
    touchpoints_csv.import_touchpoints(
        blank, (DATA / "touchpoints_utf8.csv").read_bytes(), "tp.csv", journey
    )
    for sep, name in ((",", "a.csv"), (";", "b.csv"), ("\t", "c.csv")):
        out = touchpoints_csv.write_touchpoints_csv(blank, journey, tmp_path / name, sep)
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        target = tmp_path / f"{name}.jmap"
        interchange.import_csv_file(out, target)
        with Document.open(target, read_only=True) as copy:
            assert touchpoints_csv.export_rows(copy, find_journey(copy, None)) == (
                touchpoints_csv.export_rows(blank, journey)
            )


def test_progress_is_reported_and_cancel_leaves_nothing(blank: Document) -> None:
    journey = find_journey(blank, None)
    rows = "".join(f"Awareness,Website,Card {i}\n" for i in range(1000))
    data = ("stage,lane,title\n" + rows).encode()
    calls: list[tuple[int, int]] = []
    touchpoints_csv.import_touchpoints(
        blank, data, "many.csv", journey, progress=lambda d, t: calls.append((d, t))
    )
    assert calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len(calls) >= 5

    def cancel(done: int, total: int) -> None:
        if done > total // 2 + 300:
            raise ImportCancelled()

    before = len(load_journey(blank, journey).touchpoints)
    with pytest.raises(ImportCancelled):
        touchpoints_csv.import_touchpoints(blank, data, "many.csv", journey, progress=cancel)
    assert len(load_journey(blank, journey).touchpoints) == before


def test_cli_import_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "w.jmap"
    assert main(["import", "csv", str(DATA / "touchpoints_utf8.csv"), "-o", str(target)]) == 0
    assert "Imported 3 stages, 4 lanes, 5 touchpoints, 5 measurements." in capsys.readouterr().out
    assert main(["import", "csv", str(DATA / "touchpoints_utf8.csv"), "-o", str(target)]) == 1
    assert "already exists (use --force" in capsys.readouterr().err
    out = tmp_path / "w.csv"
    assert main(["export", "csv", str(target), "-o", str(out), "--separator", "semicolon"]) == 0
    assert out.read_text("utf-8-sig").splitlines()[1] == (
        # owner, layer, then the four step columns (empty on a plain touchpoint), then metrics
        "Awareness;Website;online;Landing page;First visit;direct;1;observed;Web team;;;;;;"
        "35;4,2;;;;"
    )
    bad = tmp_path / "bad.jmap"
    assert main(["import", "csv", str(DATA / "touchpoints_broken.csv"), "-o", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "journeymapper: error: touchpoints_broken.csv was not imported (9 problems; "
        "nothing was changed):\n  line 2, column 'title': The touchpoint title is missing.\n"
    )
    assert not bad.exists()
