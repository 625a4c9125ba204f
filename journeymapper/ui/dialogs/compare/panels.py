"""The compare view's numbers: both emotion curves on one chart, per-stage metric deltas,
the change list and the pain points resolved and new."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from journeymapper.analysis.compare import Comparison, CurvePoint, Difference, MetricDelta
from journeymapper.geometry.diff_marks import CURVE_A, CURVE_B, mark
from journeymapper.ui import style
from journeymapper.ui.docks.charts.parts import CategoryAxis, set_labels
from journeymapper.ui.docks.charts.plot import ChartPlot

ROLE = Qt.ItemDataRole.UserRole
#: Good / bad tints of a metric change (the arrow and the word say it without colour).
GOOD, BAD = QColor("#2e7d4f"), QColor("#c53030")


def kind_icon(kind: str, size: int = 16) -> QIcon:
    """A coloured disc with the kind's symbol in white: the list's mark beside its word."""
    colour, symbol, _word = mark(kind)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QBrush(QColor(colour)))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, size, size)
    font = QFont(style.FONT_FAMILY)
    font.setPixelSize(size - 4)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, symbol)
    painter.end()
    return QIcon(pixmap)


class ChangeList(QTreeWidget):
    """Every difference, one row each in the comparison's stable order."""

    def __init__(self, on_pick: Callable[[Difference], None]) -> None:
        super().__init__()
        self.setColumnCount(3)
        self.setHeaderLabels(["Change", "Item", "Where / what"])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.differences: list[Difference] = []
        self.itemClicked.connect(lambda item, _col: on_pick(self.differences[item.data(0, ROLE)]))
        self.currentItemChanged.connect(
            lambda item, _old: item is not None and on_pick(self.differences[item.data(0, ROLE)])
        )

    def show_differences(self, differences: list[Difference]) -> None:
        self.clear()
        self.differences = differences
        for n, d in enumerate(differences):
            row = QTreeWidgetItem([d.word, f"{d.item.replace('_', ' ')} \u201c{d.title}\u201d", ""])
            row.setText(2, _detail(d))
            row.setToolTip(1, d.line())
            row.setToolTip(2, d.line())
            row.setIcon(0, kind_icon(d.word))
            row.setData(0, ROLE, n)
            self.addTopLevelItem(row)
        for col in (0, 1):
            self.resizeColumnToContents(col)
        self.setColumnWidth(1, min(self.columnWidth(1), 240))

    def row_of(self, diff: Difference) -> QTreeWidgetItem | None:
        for n, d in enumerate(self.differences):
            if d is diff:
                return self.topLevelItem(n)
        return None


def _detail(d: Difference) -> str:
    if d.kind == "moved":
        return f"{d.where_a} → {d.where_b}"
    where = d.where_a if d.kind == "removed" else d.where_b
    if d.fields:
        what = "; ".join(f.text() for f in d.fields)
        return f"{where}: {what}" if d.item == "text" and where else what
    return where


class PainPoints(QTreeWidget):
    """Pain points resolved (gone in B) and new (only in B), under two headings."""

    def __init__(self, on_pick: Callable[[Difference], None]) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.differences: list[Difference] = []
        self.itemClicked.connect(self._clicked)
        self._on_pick = on_pick

    def _clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        n = item.data(0, ROLE)
        if n is not None:
            self._on_pick(self.differences[n])

    def show_comparison(self, result: Comparison) -> None:
        self.clear()
        self.differences = []
        for kind, heading in (("removed", "Resolved"), ("added", "New")):
            found = result.of_kind(kind, "pain_point")
            head = QTreeWidgetItem([f"{heading} pain points ({len(found)})"])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setIcon(0, kind_icon(kind))
            self.addTopLevelItem(head)
            for d in found:
                row = QTreeWidgetItem([f"    {d.title}  —  {d.where_a or d.where_b}"])
                row.setToolTip(0, d.line())
                row.setData(0, ROLE, len(self.differences))
                self.differences.append(d)
                self.addTopLevelItem(row)
            if not found:
                self.addTopLevelItem(QTreeWidgetItem(["    none"]))


class MetricTable(QTableWidget):
    """Per stage and metric: the weighted mean before and after, with the change."""

    HEADERS = ("Stage", "Metric", "Before", "After", "Change")

    def __init__(self) -> None:
        super().__init__(0, len(self.HEADERS))
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        # The numbers and the verdict always show whole; a long metric name gives way
        # (elided, whole in its tooltip).
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def show_deltas(self, deltas: list[MetricDelta]) -> None:
        """Rows that changed first (in map order), unchanged ones after them, muted."""
        rows = [m for m in deltas if m.verdict != "same"] + [
            m for m in deltas if m.verdict == "same"
        ]
        self.setRowCount(len(rows))
        for r, m in enumerate(rows):
            cells = [m.stage, m.metric_name, _num(m, m.before), _num(m, m.after), _change(m)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(m.line())
                if c >= 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if m.verdict == "same":
                    item.setForeground(style.MUTED)
                elif c == 4 and m.verdict in ("better", "worse"):
                    item.setForeground(GOOD if m.verdict == "better" else BAD)
                self.setItem(r, c, item)


def _num(m: MetricDelta, value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}{' %' if m.unit == '%' else ''}"


def _change(m: MetricDelta) -> str:
    d = m.delta
    if d is None:
        return m.verdict
    arrow = "▲" if d > 0 else "▼" if d < 0 else "▬"
    return f"{arrow} {d:+.2g}  {m.verdict}"


class CurveChart(ChartPlot):
    """Both emotion curves on one stage axis: A grey dashed circles, B violet solid squares."""

    def __init__(self) -> None:
        super().__init__(bottom=CategoryAxis("bottom"))
        item = self.getPlotItem()
        item.getAxis("left").setTicks([[(v, f"{v:+d}" if v else "0") for v in range(-2, 3)]])
        item.setLabel("left", "Emotion (−2 … +2)")
        self.legend = item.addLegend(offset=(8, 4), labelTextColor=style.INK, colCount=2)
        pen_a = pg.mkPen(QColor(CURVE_A), width=2, style=Qt.PenStyle.DashLine)
        pen_b = pg.mkPen(QColor(CURVE_B), width=2.5)
        self.curve_a = item.plot(
            [], [], pen=pen_a, symbol="o", symbolSize=9, symbolPen=pg.mkPen(CURVE_A, width=2),
            symbolBrush=pg.mkBrush("#ffffff"), name="A (before)",
        )  # fmt: skip
        self.curve_b = item.plot(
            [], [], pen=pen_b, symbol="s", symbolSize=8, symbolPen=pg.mkPen(CURVE_B),
            symbolBrush=pg.mkBrush(CURVE_B), name="B (after)",
        )  # fmt: skip
        zero = pg.InfiniteLine(0, angle=0, pen=pg.mkPen(style.GRID, width=1))
        item.addItem(zero)
        #: A ring around the points of the difference picked last (A's and B's).
        self.focus = pg.ScatterPlotItem(
            [], [], symbol="o", size=20, pen=pg.mkPen(style.INK, width=2), brush=None
        )
        item.addItem(self.focus)
        self.result: Comparison | None = None

    def show_focus(self, diff: Difference) -> None:
        """Ring the emotion points of a picked card on both curves (none for other items)."""
        spots: list[tuple[float, float]] = []
        if self.result is not None and diff.item == "touchpoint":
            for points, tp_id in (
                (self.result.curve_a, diff.a_id),
                (self.result.curve_b, diff.b_id),
            ):
                spots += [(p.x, float(p.emotion)) for p in points if p.touchpoint_id == tp_id]
        self.focus.setData([x for x, _y in spots], [y for _x, y in spots])

    def show_comparison(self, result: Comparison) -> None:
        self.result = result
        self.focus.setData([], [])
        axis = self.getPlotItem().getAxis("bottom")
        assert isinstance(axis, CategoryAxis)
        set_labels(axis, [c.name for c in result.columns])
        self.setXRange(-0.5, max(len(result.columns), 1) - 0.5, padding=0)
        self.setYRange(-2.4, 3.3, padding=0)  # headroom above +2 keeps the legend clear
        for line, points, label in (
            (self.curve_a, result.curve_a, "A · before"),
            (self.curve_b, result.curve_b, "B · after"),
        ):
            line.setData(_xs(points), [float(p.emotion) for p in points])
            self.legend.getLabel(line).setText(label)
            self.legend.getLabel(line).setToolTip(
                result.a_label if line is self.curve_a else result.b_label
            )


def _xs(points: list[CurvePoint]) -> list[float]:
    return [p.x for p in points]
