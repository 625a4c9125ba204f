"""``journeymapper opportunities``: text, JSON and the tracker CSV, written safely."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from journeymapper.cli.main import main
from journeymapper.interchange.portfolio_csv import safe_cell
from journeymapper.store.portfolio_queries import priority_of
from tests.portfolio_support import retail_portfolio


@pytest.fixture
def retail(tmp_path: Path) -> Path:
    path = tmp_path / "retail.jmap"
    retail_portfolio(path).close()
    return path


def test_text_and_json(retail: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["opportunities", str(retail)]) == 0
    text = capsys.readouterr().out
    assert (
        "Live store stock [in_progress] value 5 effort 2 (Highest), Digital, due 2027-03-31" in text
    )
    assert "answers Weekend store visit / Research #1: Stock shown online" in text
    assert "target Drop-off rate on Till queue (Purchase): 12 → 5%" in text
    assert "[opportunity_without_owner] Opportunity 'Any receipt works'" not in text  # done
    assert main(["opportunities", str(retail), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    titles = [o["title"] for o in out["opportunities"]]
    assert titles[:3] == ["Live store stock", "Pay on the floor", "Any receipt works"]
    live = out["opportunities"][0]
    assert live["pain_points"][0]["text"].startswith("Stock shown online is often wrong")
    assert live["targets"] == [
        {
            "metric": "csat",
            "on": "Store stock checker (Research)",
            "journey": live["journeys"][0],
            "from": 3.1,
            "to": 4.5,
            "by": None,
        }
    ]
    assert live["solutions"] == [
        {"title": "Stock feed from the tills", "owner": "IT", "status": "testing"}
    ]


def test_csv_has_tracker_columns_and_is_written_safely(
    retail: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "tracker.csv"
    assert main(["opportunities", str(retail), "--csv", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "Summary",
        "Description",
        "Assignee",
        "Priority",
        "Due date",
        "Labels",
        "Status",
    ]
    assert len(rows) == 5
    live = dict(zip(rows[0], rows[1], strict=True))
    assert live["Assignee"] == "Digital" and live["Priority"] == "Highest"
    assert live["Due date"] == "2027-03-31"
    assert "stage:Research" in live["Labels"].split() and " " not in live["Labels"].split()[0]
    assert "Answers pain points:\n- " in live["Description"]
    assert "Targets:\n- CSAT on Store stock checker (Research): 3.1 → 4.5" in live["Description"]
    risky = dict(zip(rows[0], rows[4], strict=True))
    assert risky["Summary"] == 'Rebuild the app = "=SUM(A1)"'  # not at the start: harmless
    assert risky["Description"].startswith('Line one,\nline two with "quotes"')
    assert risky["Priority"] == "Lowest"


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Plain = fine", "Plain = fine"),
        ("", ""),
    ],
)
def test_formula_like_cells_are_neutralised(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


def test_formula_titles_reach_the_csv_neutralised(tmp_path: Path) -> None:
    from journeymapper import editing
    from journeymapper.interchange.portfolio_csv import export_portfolio_csv
    from journeymapper.model.document import Document
    from journeymapper.store.portfolio_queries import load_portfolio

    with Document.create(tmp_path / "w.jmap") as doc:
        editing.add_opportunity(doc, "=cmd|' /C calc'!A0", owner="@team")
        text = export_portfolio_csv(load_portfolio(doc))
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[0] == "'=cmd|' /C calc'!A0" and row[2] == "'@team"


def test_priority_from_value_and_effort() -> None:
    assert priority_of(5, 1) == "Highest"
    assert priority_of(5, 3) == "Highest"
    assert priority_of(3, 2) == "High"
    assert priority_of(4, 4) == "Medium"
    assert priority_of(1, 1) == "Low"
    assert priority_of(2, 4) == "Low"
    assert priority_of(1, 5) == "Lowest"


def test_missing_file_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["opportunities", str(tmp_path / "none.jmap")]) == 1
    assert "There is no file" in capsys.readouterr().err
