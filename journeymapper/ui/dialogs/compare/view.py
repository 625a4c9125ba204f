"""The compare view: two maps side by side with their differences marked, the change
list, both emotion curves on one chart, metric deltas and pain points resolved and new.

Each map is a read-only :class:`JourneyScene` (the scene the canvas and the images draw
with) in a :class:`JourneyView`; the marks are overlay items on it. Clicking a change,
or a pain point, selects that item on both maps and brings it into view.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journeymapper.analysis.compare import Comparison, Difference, compare, read_pair
from journeymapper.geometry.diff_marks import CURVE_A, CURVE_B, MARKS
from journeymapper.model.document import Document
from journeymapper.store.origins import share_ids
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.canvas.view import READABLE_ZOOM, JourneyView
from journeymapper.ui.dialogs.compare.marks import MarkLayer, select_on, side_id
from journeymapper.ui.dialogs.compare.panels import (
    ChangeList,
    CurveChart,
    MetricTable,
    PainPoints,
    kind_icon,
)


@dataclass(frozen=True)
class Source:
    """One side to compare: a journey of an open document, and how the user names it."""

    doc: Document
    journey_id: int
    label: str


def run_comparison(a: Source, b: Source) -> Comparison:
    """Read both journeys and compare them (ids shared for one workspace and its copies)."""
    side_a, side_b = read_pair(a.doc, a.journey_id, b.doc, b.journey_id, (a.label, b.label))
    return compare(side_a, side_b, linked=share_ids(a.doc, b.doc))


class MapPanel(QWidget):
    """One side: a caption over a read-only map with the marks of that side."""

    def __init__(self, side: str, source: Source, colour: str) -> None:
        super().__init__()
        self.side = side
        self.scene = JourneyScene(self)
        self.scene.show_journey(source.doc, source.journey_id)
        self.view = JourneyView(self.scene, self)
        self.marks = MarkLayer(self.scene, side)
        caption = QLabel(f"{'A · before' if side == 'a' else 'B · after'}:  {source.label}")
        caption.setStyleSheet(
            f"QLabel {{ font-weight: 600; padding: 4px 8px; border-left: 4px solid {colour}; }}"
        )
        caption.setToolTip(source.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(caption)
        layout.addWidget(self.view, 1)


def legend() -> QWidget:
    """The marks' meaning: colour disc with symbol, and the word beside it."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(QLabel("Marks on cards, text cells, stages, lanes and notes:"))
    for kind, (_colour, _symbol, word) in MARKS.items():
        icon = QLabel()
        icon.setPixmap(kind_icon(kind).pixmap(16, 16))
        row.addWidget(icon)
        text = "removed (pain point: resolved)" if kind == "removed" else word
        text = "added (pain point: new)" if kind == "added" else text
        row.addWidget(QLabel(text))
        row.addSpacing(10)
    row.addWidget(QLabel(f"<span style='color:{CURVE_A}'>- - ○</span> A before"))
    row.addWidget(QLabel(f"<span style='color:{CURVE_B}'>—■</span> B after"))
    row.addStretch(1)
    return box


def summary(result: Comparison) -> str:
    if result.identical:
        return "No differences: the two journeys are the same."
    counts = {k: len(result.of_kind(k)) for k in MARKS}
    parts = [f"{n} {k}" for k, n in counts.items() if n]
    text = f"{len(result.differences)} differences: " + ", ".join(parts)
    changed = len(result.changed_metrics())
    if changed:
        text += f"  ·  {changed} stage metric{'s' if changed != 1 else ''} changed"
    unmatched = result.unmatched_line()
    return f"{text}  ·  {unmatched}" if unmatched else text


class CompareDialog(QDialog):
    """Side-by-side maps of A (before) and B (after) with every difference marked."""

    def __init__(
        self,
        a: Source,
        b: Source,
        parent: QWidget | None = None,
        owned: Iterable[Document] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare — {a.label}  →  {b.label}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        #: Documents opened only for this view (another file, a snapshot): closed with it.
        self.owned = list(owned)
        #: The workspace of the window that opened this view (it closes the view on change).
        self.window_doc: Document | None = None
        self.result = run_comparison(a, b)
        self.panel_a = MapPanel("a", a, CURVE_A)
        self.panel_b = MapPanel("b", b, CURVE_B)
        self.changes = ChangeList(self.pick)
        self.chart = CurveChart()
        self.metrics = MetricTable()
        self.pains = PainPoints(self.pick)
        self._build()
        self.show_result()
        self.resize(1600, 1000)

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setStyleSheet("QLabel { font-size: 14px; font-weight: 600; }")
        maps = QSplitter(Qt.Orientation.Horizontal)
        maps.addWidget(self.panel_a)
        maps.addWidget(self.panel_b)
        tabs = QTabWidget()
        tabs.addTab(self.metrics, "Metric deltas per stage")
        tabs.addTab(self.pains, "Pain points resolved / new")
        self.tabs = tabs
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.changes)
        lower.addWidget(self.chart)
        lower.addWidget(tabs)
        lower.setSizes([560, 440, 600])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(maps)
        body.addWidget(lower)
        body.setSizes([620, 330])
        fit = QPushButton("Fit both maps")
        fit.clicked.connect(self.fit_maps)
        top = QHBoxLayout()
        top.addWidget(legend(), 1)
        top.addWidget(fit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    def show_result(self) -> None:
        result = self.result
        self.summary.setText(summary(result))
        for panel in (self.panel_a, self.panel_b):
            panel.marks.show(result.differences)
        self.changes.show_differences(result.differences)
        self.chart.show_comparison(result)
        self.metrics.show_deltas(result.metric_deltas)
        self.pains.show_comparison(result)
        self.tabs.setTabText(
            1,
            f"Pain points: {len(result.of_kind('removed', 'pain_point'))} resolved, "
            f"{len(result.of_kind('added', 'pain_point'))} new",
        )

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.fit_maps()

    def pick(self, diff: Difference) -> None:
        """Select a difference on both maps (where it exists) and bring it into view, at
        a zoom where its card can be read."""
        for panel in (self.panel_a, self.panel_b):
            target = select_on(panel.scene, diff.item, side_id(diff, panel.side))
            if target is not None:
                if panel.view.zoom < READABLE_ZOOM:
                    panel.view.set_zoom(READABLE_ZOOM)
                panel.view.centerOn(target)
        self.chart.show_focus(diff)
        row = self.changes.row_of(diff)
        if row is not None and self.changes.currentItem() is not row:
            blocked = self.changes.blockSignals(True)
            self.changes.setCurrentItem(row)
            self.changes.blockSignals(blocked)

    def fit_maps(self) -> None:
        """Both whole maps in view again."""
        for panel in (self.panel_a, self.panel_b):
            panel.view.fit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.release()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        self.release()
        super().done(result)

    def release(self) -> None:
        """Close the documents opened for this view (the window's own stays open)."""
        for panel in (self.panel_a, self.panel_b):
            panel.marks.clear()
            panel.scene.show_journey(None, None)
        for doc in self.owned:
            doc.close()
        self.owned = []
