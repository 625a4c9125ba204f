"""The map's frame on the canvas: stage headers and columns, lane labels, text cells and
annotation markers, kept in step with a new layout (made, moved or removed, never rebuilt)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Protocol

from PySide6.QtWidgets import QGraphicsItem

from journeymapper.geometry import layout as geo
from journeymapper.model.enums import LaneKind
from journeymapper.store.journey_data import JourneyData
from journeymapper.ui.canvas.items import (
    ColumnItem,
    LaneItem,
    MarkerItem,
    StageHeaderItem,
    TextCellItem,
)
from journeymapper.ui.canvas.lane_blocks import MARKER_Z, LaneBlocks


class FrameHost(Protocol):
    """What of the scene the frame needs (the JourneyScene): its item maps, add and remove."""

    headers: dict[int, StageHeaderItem]
    columns: dict[int, ColumnItem]
    lanes: dict[int, LaneItem]
    text_cells: dict[tuple[int, int], TextCellItem]
    markers: dict[int, MarkerItem]
    blocks: LaneBlocks

    def addItem(self, item: QGraphicsItem) -> None: ...  # noqa: N802 (Qt API)

    def removeItem(self, item: QGraphicsItem) -> None: ...  # noqa: N802 (Qt API)


def sync_frame(scene: FrameHost, data: JourneyData, lay: geo.MapLayout) -> None:
    """Bring the frame items of ``scene`` to ``lay``."""
    _sync_stages(scene, data, lay)
    _sync_lanes(scene, data, lay)
    _sync_text_cells(scene, data, lay)
    _sync_markers(scene, data, lay)


def _sync_stages(scene: FrameHost, data: JourneyData, lay: geo.MapLayout) -> None:
    alive = {s.id for s in data.stages}
    for stage_id in list(scene.headers):
        if stage_id not in alive:
            scene.removeItem(scene.headers.pop(stage_id))
            scene.removeItem(scene.columns.pop(stage_id))
    for stage in data.stages:
        head = lay.stages[stage.id]
        col = lay.columns[stage.id]
        body = geo.Rect(col.x, geo.HEADER_H, col.w, max(0.0, col.h - geo.HEADER_H))
        if stage.id in scene.headers:
            scene.headers[stage.id].set_stage(stage, head)
            scene.columns[stage.id].set_geometry(stage.colour, body)
        else:
            scene.headers[stage.id] = StageHeaderItem(stage, head)
            scene.columns[stage.id] = ColumnItem(stage.colour, body)
            scene.addItem(scene.headers[stage.id])
            scene.addItem(scene.columns[stage.id])


def _sync_lanes(scene: FrameHost, data: JourneyData, lay: geo.MapLayout) -> None:
    alive = {ln.id for ln in data.lanes}
    for lane_id in list(scene.lanes):
        if lane_id not in alive:
            scene.removeItem(scene.lanes.pop(lane_id))
    for lane in data.lanes:
        rect = lay.lanes[lane.id]
        if lane.id in scene.lanes:
            scene.lanes[lane.id].set_lane(lane, rect)
        else:
            scene.lanes[lane.id] = LaneItem(lane, rect)
            scene.addItem(scene.lanes[lane.id])


def _sync_text_cells(scene: FrameHost, data: JourneyData, lay: geo.MapLayout) -> None:
    wanted = {(s.id, ln.id) for s in data.stages for ln in data.lanes if ln.kind == LaneKind.TEXT}
    for key in list(scene.text_cells):
        if key not in wanted:
            scene.removeItem(scene.text_cells.pop(key))
    for key in wanted:
        rect = lay.cell_rect(*key)
        text = data.text_cells.get(key, "")
        item = scene.text_cells.get(key)
        if item is None:
            item = TextCellItem(key[0], key[1], text, rect)
            scene.text_cells[key] = item
            scene.addItem(item)
        else:
            item.set_text(text, rect)


def _sync_markers(scene: FrameHost, data: JourneyData, lay: geo.MapLayout) -> None:
    """A card's markers live in its lane's container (they move with the lane), a stage's
    at the top level."""
    for ann_id in list(scene.markers):
        if ann_id not in lay.markers:
            scene.removeItem(scene.markers.pop(ann_id))
    for ann in data.annotations:
        if ann.id not in lay.markers:
            continue
        band, centre = lay.markers.relative(ann.id)
        lane = lay.lanes.get(band) if isinstance(band, int) else None
        block = None if lane is None else scene.blocks.block(band, lane.y, centre, MARKER_Z)
        marker = scene.markers.get(ann.id)
        if marker is None:
            marker = MarkerItem(ann, centre)
            scene.markers[ann.id] = marker
            if block is None:
                scene.addItem(marker)
            else:
                marker.setParentItem(block)
        else:
            if marker.parentItem() is not block:
                marker.setParentItem(block)
            marker.set_annotation(ann, centre)


def follow_bands(
    scene: FrameHost, data: JourneyData, lay: geo.MapLayout, bands: Iterable[Hashable]
) -> None:
    """Lanes changed height and ``bands`` moved or were resized: bring the frame items of
    just those (and the stage columns, as tall as the map) to ``lay``."""
    for stage in data.stages:
        col = lay.columns[stage.id]
        body = geo.Rect(col.x, geo.HEADER_H, col.w, max(0.0, col.h - geo.HEADER_H))
        scene.columns[stage.id].set_geometry(stage.colour, body)
    lanes = {ln.id: ln for ln in data.lanes}
    for band in bands:
        lane = lanes.get(band) if isinstance(band, int) else None
        if lane is None or band not in scene.lanes:
            continue
        scene.lanes[band].set_lane(lane, lay.lanes[band])
        if lane.kind == LaneKind.TEXT:
            for stage in data.stages:
                item = scene.text_cells.get((stage.id, lane.id))
                if item is not None:
                    text = data.text_cells.get((stage.id, lane.id), "")
                    item.set_text(text, lay.cell_rect(stage.id, lane.id))


__all__ = ["follow_bands", "sync_frame"]
