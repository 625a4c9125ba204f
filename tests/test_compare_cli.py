"""``journeymapper diff`` and ``export pdf --compare``: the output a script or a reader gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper.cli import main
from tests.compare_support import future_pair

CURRENT = "Weekend store visit"
FUTURE = "Weekend store visit (future state)"

EXPECTED = [
    '> moved touchpoint "Store stock checker": Research / Website & app → '
    "Visit store / Website & app",
    '~ changed touchpoint "Fitting rooms" (Visit store / Store floor): emotion -1 → 1; '
    'evidence "observed" → "proposed"',
    '+ added touchpoint "Mobile checkout" (Purchase / Tills)',
    '- removed touchpoint "Till queue" (Purchase / Tills)',
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("compare") / "retail.jmap"
    doc, _current, _future = future_pair(path)
    doc.close()
    return path


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_prints_one_line_per_difference(workspace: Path, capsys) -> None:
    code, out, err = run(["diff", f"{workspace}:{CURRENT}", f":{FUTURE}"], capsys)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"A: retail.jmap: {CURRENT}"
    assert lines[1] == f"B: retail.jmap: {FUTURE}"
    body = lines[2:]
    for expected in EXPECTED:
        assert expected in body
    assert [ln for ln in body if ln.startswith(("-", "+")) and "pain point" in ln] == [
        '- resolved pain point "Only one or two tills open at lunchtime on Saturdays; some …" '
        '(on "Till queue")',
        '+ new pain point "Returns desk closes at 5 pm" (on "Returns desk")',
    ]
    assert "= CSAT in Research: 3.574 → 4.8 (+1.23, better)" in body
    assert body[-1] == "7 differences, 6 metric changes."
    # The same again: a stable order.
    assert run(["diff", f"{workspace}:{CURRENT}", f"{workspace}:{FUTURE}"], capsys)[1] == out


def test_diff_of_a_journey_with_itself(workspace: Path, capsys) -> None:
    code, out, _ = run(["diff", str(workspace), str(workspace)], capsys)
    assert code == 0
    assert out.splitlines()[2:] == ["No differences."]


def test_diff_json(workspace: Path, capsys) -> None:
    code, out, _ = run(["diff", f"{workspace}:{CURRENT}", f":{FUTURE}", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["identical"] is False
    kinds = sorted((d["kind"], d["item"], d["title"]) for d in data["differences"])
    assert ("added", "touchpoint", "Mobile checkout") in kinds
    assert ("moved", "touchpoint", "Store stock checker") in kinds
    assert data["pain_points"]["new"] == ["Returns desk closes at 5 pm"]
    assert len(data["pain_points"]["resolved"]) == 1
    changed = next(d for d in data["differences"] if d["title"] == "Fitting rooms")
    assert changed["fields"] == [
        {"name": "emotion", "before": -1, "after": 1},
        {"name": "evidence", "before": "observed", "after": "proposed"},
    ]
    research = [
        m for m in data["metric_deltas"] if m["stage"] == "Research" and m["metric"] == "csat"
    ]
    assert research[0]["verdict"] == "better"
    assert len(data["emotion"]["a"]) == 25 and len(data["emotion"]["b"]) == 25
    assert [s["name"] for s in data["stages"]][:2] == ["Discover", "Research"]


def test_diff_across_files_reports_what_was_not_matched(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    other = tmp_path / "other.jmap"
    assert run(["new", str(other), "--template", "retail"], capsys)[0] == 0
    code, out, _ = run(["diff", str(other), f"{workspace}:{FUTURE}"], capsys)
    assert code == 0
    assert "Not matched: touchpoints 1 only in A, 1 only in B" in out.splitlines()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "missing.jmap", "missing.jmap"], "missing.jmap"),
        (["diff", "{ws}:Nope", "{ws}"], "There is no journey 'Nope'"),
    ],
)
def test_diff_errors_are_one_line(workspace: Path, argv: list[str], message: str, capsys) -> None:
    code, out, err = run([a.replace("{ws}", str(workspace)) for a in argv], capsys)
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1


def test_pdf_compare_section(workspace: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "compare.pdf"
    code, _, err = run(
        [
            "export",
            "pdf",
            str(workspace),
            "-o",
            str(out),
            "--journey",
            FUTURE,
            "--compare",
            f":{CURRENT}",
        ],
        capsys,
    )
    assert code == 0, err
    reader = PdfReader(str(out))
    pages = [p.extract_text() for p in reader.pages]
    section = "\n".join(t for t in pages if "Appendix · Current vs future" in t)
    assert f"Before (A): retail.jmap: {CURRENT}" in section
    assert f"After (B): retail.jmap: {FUTURE}" in section
    assert "7 differences; pain points: 1 resolved, 1 new." in section
    assert "Emotion curves" in section and "A (before) — dashed, ○" in section
    assert "B (after) — solid, ■" in section
    squeezed = " ".join(section.split())
    assert (
        'moved touchpoint "Store stock checker": Research / Website & app → Visit store' in squeezed
    )
    assert 'new pain point "Returns desk closes at 5 pm"' in squeezed
    assert "Metric deltas per stage" in section
    assert "▲ +1.23 better" in section
    outline = [o.title for o in reader.outline]
    assert outline[-1] == "Current vs future" or "Current vs future" in outline


def test_pdf_without_compare_has_no_section(workspace: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "plain.pdf"
    assert run(["export", "pdf", str(workspace), "-o", str(out)], capsys)[0] == 0
    assert not any("Current vs future" in p.extract_text() for p in PdfReader(str(out)).pages)
