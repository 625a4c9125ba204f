"""Remembering: the last workspace reopens, File > Open recent, the start page, save folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from journeymapper.templates import create_workspace
from journeymapper.ui.main_window import MainWindow
from journeymapper.ui.recent_files import MAX_RECENT, RecentFiles, app_settings
from tests.app_start_support import run_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _own_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A settings file and a data folder of this test's own, never the user's."""
    folder = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("JOURNEYMAPPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(QMessageBox, "open", lambda self: None)
    yield folder
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder.parent))


def test_without_a_file_the_last_workspace_reopens(tmp_path: Path, _own_settings: Path) -> None:
    first, second = tmp_path / "First.jmap", tmp_path / "Second.jmap"
    create_workspace(first, "retail").close()
    create_workspace(second, "blank").close()
    data = tmp_path / "data"
    run_app([str(first)], _own_settings, data)
    run_app([str(second)], _own_settings, data)
    seen = run_app([], _own_settings, data)
    assert seen["path"] == str(second)
    assert seen["start_page"] is False
    assert RecentFiles(app_settings()).paths()[:2] == [second, first]


def test_the_start_page_shows_when_the_last_workspace_is_gone(
    tmp_path: Path, _own_settings: Path
) -> None:
    gone = tmp_path / "Gone.jmap"
    create_workspace(gone, "retail").close()
    data = tmp_path / "data"
    run_app([str(gone)], _own_settings, data)
    gone.unlink()
    seen = run_app([], _own_settings, data)
    assert seen["path"] is None  # not the sample
    assert seen["start_page"] is True
    assert {"blank", "retail"} <= set(seen["tiles"])  # type: ignore[arg-type]
    assert ["Gone.jmap (not found)", False] in seen["recent"]  # type: ignore[operator]


def test_template_previews_are_drawn_once_and_cached_in_the_data_folder(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from journeymapper.ui.template_preview import PREVIEW_WIDTH, template_preview

    first = template_preview("retail")
    assert first.parent == tmp_path / "data" / "previews"
    picture = QImage(str(first))
    assert picture.width() == PREVIEW_WIDTH
    assert len({picture.pixel(x, 40) for x in range(0, PREVIEW_WIDTH, 4)}) > 3  # not blank
    stamp = first.stat().st_mtime_ns
    assert template_preview("retail") == first and first.stat().st_mtime_ns == stamp


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win)
    win.safety.ask_keep = lambda _path: "discard"
    yield win
    win.close()


def _titles(window: MainWindow) -> list[tuple[str, bool]]:
    window.recent.fill()
    return [(a.text(), a.isEnabled()) for a in window.recent_menu.actions() if a.text()]


def test_file_open_recent_keeps_the_last_ten_and_greys_missing_ones(
    window: MainWindow, tmp_path: Path
) -> None:
    paths = [tmp_path / f"Map {i:02}.jmap" for i in range(12)]
    for path in paths:
        create_workspace(path, "blank").close()
        assert window.open_path(path)
    titles = _titles(window)
    files = [t for t in titles if t[0].endswith(".jmap")]
    assert len(files) == MAX_RECENT == 10
    assert files[0] == ("Map 11.jmap", True)  # newest first
    assert ("Map 01.jmap", True) not in files
    paths[5].unlink()
    assert ("Map 05.jmap (not found)", False) in _titles(window)
    # picked while it vanished (menu filled before): removed, with a message
    paths[6].unlink()
    assert window.recent.open(paths[6]) is False
    assert "no longer exists" in window.last_error  # type: ignore[attr-defined]
    assert paths[6] not in RecentFiles(app_settings()).paths()
    # remembered across windows (the user's settings, isolated here per test)
    assert RecentFiles(app_settings()).last_workspace() == paths[11]


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr("platformdirs.user_documents_dir", lambda: str(folder))
    return folder


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder and name every save dialog proposes (the dialog itself is cancelled)."""
    seen: list[str] = []

    def fake(_parent, _title, directory="", _filter="", *a, **k):  # type: ignore[no-untyped-def]
        seen.append(directory)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return seen


def test_export_and_save_dialogs_start_beside_the_workspace_named_after_the_journey(
    window: MainWindow, tmp_path: Path, asked: list[str], documents: Path
) -> None:
    folder = tmp_path / "projects"
    folder.mkdir()
    path = folder / "shop.jmap"
    create_workspace(path, "retail").close()
    assert window.open_path(path)
    journey = window.scene.data.name  # type: ignore[union-attr]
    for fmt in ("png", "svg", "csv", "json"):
        window.file_transfer.ask_export(fmt)
    window.save_as_dialog()
    window.export_pdf_dialog()
    window.pdf_dialog._browse()
    window.pdf_dialog.reject()
    expected = [str(folder / f"{journey}.{s}") for s in ("png", "svg", "csv", "json", "jmap")]
    assert asked == [*expected, str(folder / f"{journey}.pdf")]


def test_never_named_workspaces_export_to_documents_not_the_hidden_data_folder(
    window: MainWindow, asked: list[str], documents: Path
) -> None:
    assert window.safety.new_blank()
    assert "data" in window.controller.path.parts  # type: ignore[union-attr]
    window.file_transfer.ask_export("png")
    window.save_as_dialog()
    window.export_pdf_dialog()
    window.pdf_dialog._browse()
    window.pdf_dialog.reject()
    assert asked and all(Path(a).parent == documents for a in asked), asked
    journey = window.scene.data.name  # type: ignore[union-attr]
    assert Path(asked[0]).name == f"{journey}.png"
