"""``journeymapper export pdf``: success, and bad input ending in one line and exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymapper.cli import main
from tests.pdf_support import build_sample


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    doc, info = build_sample(tmp_path_factory.mktemp("cli"))
    doc.close()
    return info.path


def test_export_fit_and_tile(workspace: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "fit.pdf"
    assert (
        main(
            [
                "export",
                "pdf",
                str(workspace),
                "-o",
                str(out),
                "--page",
                "a4",
                "--orientation",
                "portrait",
                "--no-appendix",
            ]
        )
        == 0
    )
    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    assert float(reader.pages[0].mediabox.height) > float(reader.pages[0].mediabox.width)
    assert "Wrote 1 page" in capsys.readouterr().out
    out = tmp_path / "tile.pdf"
    assert (
        main(
            [
                "export",
                "pdf",
                str(workspace),
                "-o",
                str(out),
                "--tile",
                "--page",
                "A4",
                "--journey",
                "Customer journey",
            ]
        )
        == 0
    )
    assert len(PdfReader(str(out)).pages) > 3


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--page", "B7"], "Unknown page size 'B7'"),
        (["--orientation", "sideways"], "Unknown orientation"),
        (["--journey", "Nope"], "no journey 'Nope'"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(workspace, tmp_path, capsys, extra, message) -> None:
    out = tmp_path / "x.pdf"
    assert main(["export", "pdf", str(workspace), "-o", str(out), *extra]) == 1
    err = capsys.readouterr().err.strip()
    assert message in err
    assert len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_and_missing_file(workspace, tmp_path, capsys) -> None:
    assert main(["export", "pdf", str(workspace), "-o", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert (
        main(["export", "pdf", str(tmp_path / "nothing.jmap"), "-o", str(tmp_path / "x.pdf")]) == 1
    )
    assert "nothing.jmap" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_fit_and_tile_are_exclusive(workspace: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "pdf", str(workspace), "-o", str(tmp_path / "x.pdf"), "--fit", "--tile"])
    assert exc.value.code == 2
