"""Touchpoints CSV export: the cards of one journey, one row per card.

Channel-lane touchpoints and blueprint steps alike; the ``layer`` column names a step's
layer (empty for a touchpoint), and the step columns after it (system, duration min,
wait min, failure point) hold a step's fields, empty where a card has none.

Stage by stage, lane by lane, in card order; one column per metric's latest value.
Text cells (and metric headers) are neutralised against formula injection
(:mod:`formula_cells`); emotion and metric values are numbers and stay as they are.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from pathlib import Path

from journeymapper.interchange import sniff
from journeymapper.interchange.files import write_text
from journeymapper.interchange.formula_cells import neutralise
from journeymapper.interchange.touchpoint_rows import COLUMNS, EXPORT_COLUMNS
from journeymapper.model.document import Document
from journeymapper.model.enums import CARD_LANE_KINDS, LaneKind
from journeymapper.store.journey_data import JourneyData, MetricData, TouchpointData, load_journey


def metric_headers(metrics: dict[str, MetricData]) -> dict[str, str]:
    """Column title per metric key: "Name (unit)", or the key when the name is ambiguous."""
    taken = {n for c in COLUMNS for n in c.names()}
    counts = Counter(sniff.normalise(m.name) for m in metrics.values())
    keys = {sniff.normalise(k): k for k in metrics}
    headers = {}
    for m in metrics.values():
        n = sniff.normalise(m.name)
        clash = n in taken or counts[n] > 1 or keys.get(n, m.key) != m.key
        headers[m.key] = m.key if clash else (f"{m.name} ({m.unit})" if m.unit else m.name)
    return headers


def format_number(value: float, decimal_comma: bool = False) -> str:
    """Shortest exact text of a value: 45 rather than 45.0, 4.25 as is."""
    text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return text.replace(".", ",") if decimal_comma else text


def _step_cells(tp: TouchpointData, decimal_comma: bool) -> list[str]:
    """system, duration min, wait min, failure point: empty where the card has none."""
    minutes = [
        "" if m is None else format_number(float(m), decimal_comma)
        for m in (tp.duration_min, tp.wait_min)
    ]
    return [neutralise(tp.system or ""), *minutes, "yes" if tp.failure_point else ""]


def export_rows(doc: Document, journey_id: int) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the touchpoints CSV of one journey."""
    data = load_journey(doc, journey_id)
    return _rows(data, decimal_comma=False)


def _rows(data: JourneyData, decimal_comma: bool) -> tuple[list[str], list[list[str]]]:
    titles = metric_headers(data.metrics)
    header = [*EXPORT_COLUMNS, *(neutralise(t) for t in titles.values())]
    cells = data.cells()
    out = []
    for stage in data.stages:
        for lane in data.lanes:
            if lane.kind not in CARD_LANE_KINDS:
                continue
            layer = lane.kind if lane.kind != LaneKind.CHANNEL else ""
            for tp in cells.get((stage.id, lane.id), ()):
                text = [stage.name, lane.name, lane.channel_kind or "", tp.title]
                row = [neutralise(t) for t in [*text, tp.description, tp.interaction]]
                row.append("" if tp.emotion is None else str(tp.emotion))
                row += [neutralise(tp.evidence), neutralise(tp.owner), layer]
                row += _step_cells(tp, decimal_comma)
                for key in titles:
                    m = tp.latest.get(key)
                    row.append("" if m is None else format_number(m.value, decimal_comma))
                out.append(row)
    return header, out


def export_touchpoints(doc: Document, journey_id: int, delimiter: str = ",") -> str:
    """The touchpoints CSV of one journey as text (CRLF line ends, as spreadsheets write)."""
    header, rows = _rows(load_journey(doc, journey_id), decimal_comma=delimiter == ";")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_touchpoints_csv(
    doc: Document, journey_id: int, path: str | os.PathLike[str], delimiter: str = ","
) -> Path:
    """Write the CSV with a UTF-8 BOM, so that Excel shows accents right when opening it."""
    return write_text(Path(path), export_touchpoints(doc, journey_id, delimiter), "utf-8-sig")
