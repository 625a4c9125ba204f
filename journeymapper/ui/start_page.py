"""The start page: what the window shows while no workspace is open.

New from a template (with a picture of each), open a file, the sample, and the recent
workspaces. It lies over the canvas as a child of the view, so the window's layout (docks,
toolbars, the read-only banner) stays as it is; it hides as soon as a workspace opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model.errors import JourneyMapperError
from journeymapper.templates import TemplateInfo, list_templates
from journeymapper.ui.recent_files import RecentFiles
from journeymapper.ui.save_places import suggest
from journeymapper.ui.template_preview import PREVIEW_HEIGHT, PREVIEW_WIDTH, template_preview
from journeymapper.ui.window_host import WindowHost

FILE_FILTER = "Journey Mapper workspaces (*.jmap);;All files (*)"
PREVIEW_SIZE = QSize(PREVIEW_WIDTH, PREVIEW_HEIGHT)
COLUMNS = 2
PAGE_STYLE = """
#startPage, #startPage QScrollArea, #startHolder { background: #f4f5f7; }
#startPage QLabel#heading { font-size: 20pt; font-weight: 600; color: #1f2933; }
#startPage QLabel#section { font-size: 11pt; font-weight: 600; color: #3e4c59; padding-top: 8px; }
#startPage QLabel#loading { font-size: 13pt; color: #52606d; }
#startPage QToolButton { background: white; border: 1px solid #d9dde3; border-radius: 6px;
    padding: 8px; color: #1f2933; }
#startPage QToolButton:hover { border-color: #5b7db1; }
#startPage QPushButton#recent { text-align: left; border: none; color: #2457a6; padding: 3px 0; }
#startPage QPushButton#recent:disabled { color: #9aa5b1; }
"""


class StartPage(QWidget):
    """New from template, open, sample and recent files, over the empty canvas."""

    def __init__(
        self,
        window: WindowHost,
        open_sample: Callable[[], object],
        create_from_template: Callable[[str, str], object],
    ) -> None:
        super().__init__(window.view)
        self.setObjectName("startPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PAGE_STYLE)
        self.window_host = window
        self.recent = RecentFiles(window.settings)
        self._open_sample = open_sample
        self._create = create_from_template
        #: Where a new workspace goes: (title, suggestion) → path or None; tests replace it.
        self.ask_new_path: Callable[[str, str], str | None] = self._ask_new_path
        self.templates: list[TemplateInfo] = list_templates()
        self.tiles: dict[str, QToolButton] = {}
        self._pending: list[str] = []
        self._previews_started = False

        self.loading = QLabel("")
        self.loading.setObjectName("loading")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QWidget()
        self.recent_box = QVBoxLayout()
        self._build_content()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder.setObjectName("startHolder")
        centre = QVBoxLayout(holder)
        centre.addWidget(self.content, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.loading)
        outer.addWidget(self.scroll)
        window.view.installEventFilter(self)
        window.controller.journeyChanged.connect(self.update_visibility)
        self.setGeometry(window.view.rect())
        self.set_loading(None)

    # -- building ----------------------------------------------------------------------------
    def _build_content(self) -> None:
        layout = QHBoxLayout(self.content)
        layout.setContentsMargins(24, 32, 24, 24)
        layout.setSpacing(32)
        left_box = QWidget()
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Journey Mapper")
        heading.setObjectName("heading")
        left.addWidget(heading)
        left.addWidget(_section("Start a new map from a template"))
        self.grid = QGridLayout()
        self.grid.setSpacing(14)
        for i, template in enumerate(self.templates):
            self.grid.addWidget(self._tile(template), i // COLUMNS, i % COLUMNS)
        left.addLayout(self.grid)
        left.addStretch(1)
        layout.addWidget(left_box, 0, Qt.AlignmentFlag.AlignTop)

        right_box = QWidget()
        right_box.setFixedWidth(190)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addSpacing(44)
        right.addWidget(_section("Open"))
        open_button = QPushButton("Open a workspace…")
        open_button.clicked.connect(self._open_dialog)
        sample_button = QPushButton("Open the sample")
        sample_button.setToolTip("A retail-store journey to look around in")
        sample_button.clicked.connect(self._open_sample)
        right.addWidget(open_button)
        right.addWidget(sample_button)
        right.addWidget(_section("Recent"))
        self.recent_box.setSpacing(2)
        right.addLayout(self.recent_box)
        layout.addWidget(right_box, 0, Qt.AlignmentFlag.AlignTop)

    def _tile(self, template: TemplateInfo) -> QToolButton:
        tile = QToolButton()
        tile.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        tile.setIconSize(PREVIEW_SIZE)
        blank = QPixmap(PREVIEW_SIZE)
        blank.fill(QColor("#eef0f3"))
        tile.setIcon(QIcon(blank))
        tile.setFixedSize(PREVIEW_SIZE + QSize(24, 52))
        tile.setText(template.title)
        tile.setToolTip(template.description)
        tile.setCursor(Qt.CursorShape.PointingHandCursor)
        tile.clicked.connect(lambda _c=False, t=template: self.new_from(t))
        self.tiles[template.name] = tile
        return tile

    def fill_recent(self) -> None:
        while self.recent_box.count():
            item = self.recent_box.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        paths = self.recent.paths()
        if not paths:
            self.recent_box.addWidget(QLabel("Nothing opened yet."))
        for path in paths:
            exists = path.is_file()
            button = QPushButton(path.name if exists else f"{path.name} (not found)")
            button.setObjectName("recent")
            button.setToolTip(str(path))
            button.setEnabled(exists)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, p=path: self.window_host.open_path(p))
            self.recent_box.addWidget(button)

    # -- previews, one per event-loop turn so the page stays responsive ---------------------
    def load_previews(self) -> None:
        self._pending = [t.name for t in self.templates]
        QTimer.singleShot(0, self._next_preview)

    def _next_preview(self) -> None:
        if not self._pending or not self.isVisible():
            return
        name = self._pending.pop(0)
        try:
            picture = QPixmap(str(template_preview(name)))
        except (JourneyMapperError, OSError):
            picture = QPixmap()
        if not picture.isNull():
            self.tiles[name].setIcon(QIcon(picture))
        QTimer.singleShot(0, self._next_preview)

    # -- actions --------------------------------------------------------------------------
    def new_from(self, template: TemplateInfo) -> None:
        path = self.ask_new_path(template.title, suggest(None, template.title, ".jmap"))
        if path:
            self._create(path, template.name)

    def _ask_new_path(self, title: str, suggestion: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window_host, f"New workspace from “{title}”", suggestion, FILE_FILTER
        )
        return path or None

    def _open_dialog(self) -> None:
        folder = suggest(None, "", "")
        path, _ = QFileDialog.getOpenFileName(
            self.window_host, "Open workspace", str(Path(folder).parent), FILE_FILTER
        )
        if path:
            self.window_host.open_path(path)

    # -- showing ----------------------------------------------------------------------------
    def set_loading(self, text: str | None) -> None:
        """``text`` while the first workspace opens; None shows the page itself."""
        self.loading.setText(text or "")
        self.loading.setVisible(bool(text))
        self.scroll.setVisible(not text)
        self.update_visibility()

    def update_visibility(self) -> None:
        empty = self.window_host.controller.doc is None
        if empty:
            self.fill_recent()
        self.setVisible(empty)
        if not empty or self.loading.isVisible():
            return
        self.raise_()
        if not self._previews_started:
            self._previews_started = True
            self.load_previews()
        elif self._pending:
            QTimer.singleShot(0, self._next_preview)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.window_host.view and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.window_host.view.rect())
        return False


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("section")
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return label


def install_start_page(
    window: WindowHost,
    open_sample: Callable[[], object],
    create_from_template: Callable[[str, str], object],
) -> StartPage:
    """Put the start page over ``window``'s canvas (shown while nothing is open)."""
    return StartPage(window, open_sample, create_from_template)


__all__ = ["StartPage", "install_start_page"]
