"""The Health dock: the journey health check as a list of findings, linked to the canvas.

Clicking a finding emits the touchpoints (and stages) it concerns so the window can
select and scroll to them; the canvas selection comes back through
:meth:`HealthDock.highlight_touchpoints`, which marks the findings that mention it.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import is_not

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.analysis.health import (
    SEVERITIES,
    Finding,
    ThresholdError,
    Thresholds,
    read_thresholds,
    summary_of,
)
from journeymapper.analysis.health_live import LiveHealth
from journeymapper.editing import Changes
from journeymapper.model.document import Document
from journeymapper.model.errors import DocumentError

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_COLOURS = {"problem": "#c0392b", "warning": "#d18f00", "info": "#2f6fdf"}
SEVERITY_MARKS = {"problem": "!", "warning": "!", "info": "i"}
HIGHLIGHT = QColor("#e3edfb")


def _icon(severity: str) -> QIcon:
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(SEVERITY_COLOURS[severity]))
    p.setPen(Qt.PenStyle.NoPen)
    if severity == "warning":  # a triangle: told apart by shape, not only colour
        p.drawPolygon(QPolygonF([QPointF(16, 1), QPointF(31, 29), QPointF(1, 29)]))
    else:
        p.drawEllipse(QRectF(2, 2, 28, 28))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(20)
    p.setFont(font)
    p.setPen(QColor("white"))
    top = 4 if severity == "warning" else 0
    p.drawText(QRectF(0, top, 32, 32 - top), Qt.AlignmentFlag.AlignCenter, SEVERITY_MARKS[severity])
    p.end()
    return QIcon(pix)


class HealthDock(QDockWidget):
    """Findings of one journey; emits what a clicked finding concerns."""

    touchpointsActivated = Signal(list)
    stagesActivated = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Health", parent)
        self.setObjectName("HealthDock")
        self._doc: Document | None = None
        self._journey_id: int | None = None
        #: The check kept current edit by edit (None until a journey is shown).
        self.live: LiveHealth | None = None
        self.findings: list[Finding] = []
        #: The runs of rows the list shows (:attr:`.findings.SeverityGroups.groups`).
        self._groups: list[list[Finding]] = []
        self._highlighted: list[int] = []
        #: Rows tinted by :meth:`highlight_touchpoints`.
        self._tinted: dict[int, QListWidgetItem] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(2)
        # Every row two lines tall (a longer message ends in "…"; its tooltip has it
        # whole): with rows of their own heights Qt laid out every row again after each
        # changed one, ~1,700 word-wrapped rows at 10,000 cards, more than the check cost.
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._row = QSize(1, 2 * self.list.fontMetrics().lineSpacing() + 4)
        self.list.setAlternatingRowColors(False)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(self.list, 1)
        self.setWidget(body)
        self._icons = {s: _icon(s) for s in SEVERITIES}

    def show_journey(self, doc: Document, journey_id: int, *, now: bool = True) -> None:
        """Show a journey; with ``now`` False (a hidden dock) nothing is read until the next
        refresh, so a closed dock holds no copy of a 10,000-card map."""
        self._doc, self._journey_id, self.live = doc, journey_id, None
        if now:
            self.refresh()

    def clear(self) -> None:
        self._doc = self._journey_id = self.live = None
        self.findings, self._groups = [], []
        self._highlighted = []
        self._tinted = {}
        self.list.clear()
        self.summary.clear()

    def apply_changes(self, changes: Changes) -> None:
        """Follow an edit: the live check patches the cards it touched (and checks again
        just their stages), or re-reads the journey when the edit was structural."""
        if self._doc is None or self.live is None:
            self.refresh()
            return
        try:
            self.live.apply(changes)
        except DocumentError as exc:
            self._failed(exc)
            return
        self._show(self.live)

    def refresh(self) -> None:
        """Re-read the journey and run the check again."""
        if self._doc is None or self._journey_id is None:
            return
        try:
            self.live = LiveHealth(self._doc, self._journey_id)
        except DocumentError as exc:
            self._failed(exc)
            return
        self._show(self.live)

    def _failed(self, exc: DocumentError) -> None:
        self.clear()
        self.summary.setText(str(exc))

    def _show(self, live: LiveHealth) -> None:
        """Check again (only the stages an edit touched) and update only the rows that changed.

        Most edits leave most findings as they were; rebuilding every word-wrapped row
        would cost more than the check itself.
        """
        assert self._doc is not None
        note = ""
        try:
            thresholds = read_thresholds(self._doc)
        except ThresholdError as exc:
            thresholds, note = Thresholds(), f"<br><i>{exc} Using the defaults.</i>"
        findings = live.check(thresholds)
        groups = live.groups.groups
        if self.list.count() != len(self.findings) or len(groups) != len(self._groups):
            self._fill(findings, [findings], [self.findings])  # the list as a whole
        elif any(map(is_not, groups, self._groups)):
            self._fill(findings, groups, self._groups)
        self._groups = list(groups)
        counts = live.groups.counts()
        text = f"<b>{summary_of(counts) or 'No findings: the journey looks healthy.'}</b>{note}"
        if self.summary.text() != text:
            self.summary.setText(text)

    def _fill(
        self, findings: list[Finding], groups: list[list[Finding]], old: list[list[Finding]]
    ) -> None:
        """Change only the rows whose finding changed, insert or take out the rows of the
        findings that appeared or went: a 10,000-card map lists ~1,700 findings and an edit
        changes a few of them. ``groups`` are the rows' runs (by severity and rule) and
        ``old`` the runs the list shows; a run that is the very list shown is skipped."""
        if self.list.count() != sum(map(len, old)):
            self.list.clear()
            self._tinted = {}
            old = [[] for _ in groups]
        self.findings = findings
        shown: list[QListWidgetItem] = []
        self.list.setUpdatesEnabled(False)
        start = 0
        for before, now in zip(old, groups, strict=True):
            if before is not now:
                for op, row, finding in _row_edits(before, now):
                    if op == "delete":
                        self._tinted.pop(id(self.list.takeItem(start + row)), None)
                        continue
                    if op == "insert":
                        self.list.insertItem(start + row, QListWidgetItem())
                    item = self.list.item(start + row)
                    self._show_row(item, finding)  # type: ignore[arg-type]
                    shown.append(item)
            start += len(now)
        self.list.setUpdatesEnabled(True)
        # A row keeps its tint when rows above it come or go; only the rows shown anew
        # are looked at (a selected card does not make every edit walk every row).
        self._tint(shown, set(self._highlighted))

    def _show_row(self, item: QListWidgetItem, finding: Finding) -> None:
        item.setIcon(self._icons[finding.severity])
        item.setText(finding.message)
        item.setSizeHint(self._row)
        item.setData(FINDING_ROLE, finding)
        item.setBackground(QBrush())
        count = len(finding.touchpoint_ids)
        where = f"{count} touchpoint{'s' if count != 1 else ''}" if count else "stage"
        item.setToolTip(
            f"{finding.message}\n{finding.severity.capitalize()} · {finding.rule} · {where}"
        )

    def highlight_touchpoints(self, ids: list[int]) -> None:
        """Tint the findings that concern any of ``ids`` (emits nothing).

        With nothing selected only the tinted rows are looked at: after each edit of a
        10,000-card map the dock lists a thousand findings and most edits select nothing.
        """
        self._highlighted = list(ids)
        wanted = set(ids)
        if wanted:
            self._tint([self.list.item(row) for row in range(self.list.count())], wanted)
        else:
            self._tint(list(self._tinted.values()), wanted)

    def _tint(self, items: list[QListWidgetItem], wanted: set[int]) -> None:
        """Tint ``items`` whose finding concerns any of ``wanted``, clear the others'."""
        for item in items:
            finding: Finding = item.data(FINDING_ROLE)
            hit = bool(wanted) and not wanted.isdisjoint(finding.touchpoint_ids)
            if (item.background().style() != Qt.BrushStyle.NoBrush) != hit:
                item.setBackground(QBrush(HIGHLIGHT) if hit else QBrush())
            if hit:
                self._tinted[id(item)] = item
            else:
                self._tinted.pop(id(item), None)

    def highlighted_rows(self) -> list[int]:
        return [
            row
            for row in range(self.list.count())
            if self.list.item(row).background().style() != Qt.BrushStyle.NoBrush
        ]

    def _activated(self, item: QListWidgetItem) -> None:
        finding: Finding = item.data(FINDING_ROLE)
        if finding.touchpoint_ids:
            self.touchpointsActivated.emit(list(finding.touchpoint_ids))
        elif finding.stage_ids:
            self.stagesActivated.emit(list(finding.stage_ids))


def _row_edits(old: list[Finding], new: list[Finding]) -> Iterator[tuple[str, int, Finding | None]]:
    """The row changes that turn the rows of ``old`` into ``new``: ("set", row, finding),
    ("insert", row, finding) or ("delete", row, None), rows counted as the list is then.

    Walks both lists once, looking one finding ahead for one that appeared or went; a
    longer run of differences is rewritten row by row (still correct, only slower)."""
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and j < len(new) and old[i] == new[j]:
            i, j = i + 1, j + 1
        elif i >= len(old) or (j + 1 < len(new) and old[i] == new[j + 1]):
            yield "insert", j, new[j]
            j += 1
        elif j >= len(new) or (i + 1 < len(old) and old[i + 1] == new[j]):
            yield "delete", j, None
            i += 1
        else:
            yield "set", j, new[j]
            i, j = i + 1, j + 1
