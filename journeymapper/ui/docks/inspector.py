"""The Inspector dock: edits the fields of the item selected on the canvas.

A touchpoint (with its measurements), a stage, an annotation marker, or a
blueprint connector (its kind and label). Each
page is an :class:`ItemForm`; the dock only decides which one to show and
when to re-read it (selection changes, and edits touching the shown row).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QDoubleSpinBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journeymapper import editing
from journeymapper.editing import Changes
from journeymapper.editing.blueprint import CONNECTOR_FIELDS
from journeymapper.model.document import Document
from journeymapper.model.enums import (
    EMOTION_MAX,
    EMOTION_MIN,
    AnnotationKind,
    ConnectorKind,
    Evidence,
    Interaction,
)
from journeymapper.store import item_queries
from journeymapper.store.blueprint_queries import connector
from journeymapper.store.journey_data import load_touchpoint
from journeymapper.ui.canvas.items import CardItem, MarkerItem, StageHeaderItem
from journeymapper.ui.canvas.items.connector import ConnectorItem
from journeymapper.ui.canvas.scene import JourneyScene
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.fields import alive, coalesced
from journeymapper.ui.docks.item_form import ItemForm
from journeymapper.ui.docks.measurements import MeasurementsPanel

EMOTION_LABELS = {
    -2: "−2  Very negative",
    -1: "−1  Negative",
    0: "0  Neutral",
    1: "+1  Positive",
    2: "+2  Very positive",
}


def _options(values: type[Any]) -> list[tuple[str, str]]:
    return [(v.value.replace("_", " ").capitalize(), v.value) for v in values]


class TouchpointForm(ItemForm):
    table, id_arg, noun = "touchpoint", "touchpoint_id", "touchpoint"
    op = staticmethod(editing.edit_touchpoint)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        fields = editing.rules.TOUCHPOINT_FIELDS
        self.title = self.add_line("title", "Title", fields["title"])
        self.description = self.add_text("description", "Description", fields["description"])
        self.interaction = self.add_choice(
            "interaction", "Interaction", _options(Interaction), fields["interaction"]
        )
        self.owner = self.add_line("owner", "Owner", fields["owner"])
        self.owner.setPlaceholderText("team or person responsible")
        self.evidence = self.add_choice(
            "evidence", "Evidence", _options(Evidence), fields["evidence"]
        )
        emotions = [("None", None)] + [
            (EMOTION_LABELS.get(v, str(v)), v) for v in range(EMOTION_MIN, EMOTION_MAX + 1)
        ]
        self.emotion = self.add_choice("emotion", "Emotion", emotions, fields["emotion"])
        self.colour = self.add_colour("colour", "Colour", fields["colour"], allow_empty=True)
        # Step fields (a card in a blueprint layer; empty on plain touchpoints).
        self.system = self.add_line("system", "System", fields["system"])
        self.system.setPlaceholderText("tool or system the step runs in")
        self.duration = self._add_minutes("duration_min", "Duration", fields["duration_min"])
        self.wait = self._add_minutes("wait_min", "Wait", fields["wait_min"])
        self.failure = self.add_choice(
            "failure_point",
            "Failure point",
            [("No", False), ("Yes: this step often fails", True)],
            fields["failure_point"],
        )

    def _add_minutes(self, field: str, label: str, validator: Any) -> QDoubleSpinBox:
        """Minutes, or "not set" (the spin box's lowest value stands for None)."""
        spin = QDoubleSpinBox()
        spin.setRange(-1, editing.rules.MAX_MINUTES)
        spin.setDecimals(1)
        spin.setSuffix(" min")
        spin.setSpecialValueText("not set")
        spin.setKeyboardTracking(False)
        spin.valueChanged.connect(lambda v: self.commit(field, None if v < 0 else float(v)))
        self._setters[field] = lambda v: spin.setValue(-1 if v is None else float(v))
        self._row(field, label, spin, validator)
        return spin

    def read(self, doc: Document, item_id: int) -> dict[str, Any] | None:
        tp = load_touchpoint(doc, item_id)
        return None if tp is None else vars(tp)


class StageForm(ItemForm):
    table, id_arg, noun = "stage", "stage_id", "stage"
    op = staticmethod(editing.edit_stage)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        fields = editing.rules.STAGE_FIELDS
        self.name = self.add_line("name", "Name", fields["name"])
        self.description = self.add_text("description", "Description", fields["description"])
        self.width_spin = self.add_number(
            "width",
            "Width",
            int(editing.MIN_STAGE_WIDTH),
            int(editing.MAX_STAGE_WIDTH),
            " px",
            fields["width"],
        )
        self.colour = self.add_colour("colour", "Colour", fields["colour"], allow_empty=False)

    def read(self, doc: Document, item_id: int) -> dict[str, Any] | None:
        found = item_queries.stage_fields(doc, item_id)
        return asdict(found) if found else None


class AnnotationForm(ItemForm):
    table, id_arg, noun = "annotation", "annotation_id", "annotation"
    op = staticmethod(editing.edit_annotation)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        kinds = [(k.label, k.value) for k in AnnotationKind]
        self.kind = self.add_choice(
            "kind", "Kind", kinds, lambda v: editing.rules.choice(v, AnnotationKind, "A kind")
        )
        self.text = self.add_text(
            "text", "Text", lambda v: editing.rules.name(v, "An annotation's text")
        )
        self.text.setFixedHeight(110)
        self.pinned = QLabel()
        self.pinned.setWordWrap(True)
        self.form.addRow("Pinned to", self.pinned)

    def read(self, doc: Document, item_id: int) -> dict[str, Any] | None:
        found = item_queries.annotation_fields(doc, item_id)
        if found is None:
            return None
        title, stage = found.touchpoint_title, found.stage_name
        pinned = f"touchpoint “{title}”" if title is not None else f"stage “{stage}”"
        return {"kind": found.kind, "text": found.text, "pinned": pinned}

    def after_refresh(self, values: dict[str, Any]) -> None:
        self.pinned.setText(values["pinned"])


class ConnectorForm(ItemForm):
    """A blueprint connector: its kind and label (the arrow's ends are drawn on the map)."""

    table, id_arg, noun = "connector", "connector_id", "connector"
    op = staticmethod(editing.edit_connector)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        kinds = [(k.label, k.value) for k in ConnectorKind]
        self.kind = self.add_choice("kind", "Kind", kinds, CONNECTOR_FIELDS["kind"])
        self.label = self.add_line("label", "Label", CONNECTOR_FIELDS["label"])
        self.label.setPlaceholderText("what passes along the arrow")
        self.ends = QLabel()
        self.ends.setWordWrap(True)
        self.form.addRow("From → to", self.ends)

    def read(self, doc: Document, item_id: int) -> dict[str, Any] | None:
        found = connector(doc, item_id)
        if found is None:
            return None
        source, target = (
            load_touchpoint(doc, found.source_id),
            load_touchpoint(doc, found.target_id),
        )
        names = [f"“{t.title}”" if t else "?" for t in (source, target)]
        return {"kind": found.kind, "label": found.label, "ends": " → ".join(names)}

    def after_refresh(self, values: dict[str, Any]) -> None:
        self.ends.setText(values["ends"])


class Inspector(QWidget):
    """The dock's contents: a heading and one page per kind of item."""

    def __init__(
        self, controller: DocumentController, scene: JourneyScene, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.scene = scene
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.heading.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6b7a;")
        self.touchpoint = TouchpointForm(controller)
        self.measurements = MeasurementsPanel(controller)
        tp_page = QWidget()
        tp_layout = QVBoxLayout(tp_page)
        tp_layout.setContentsMargins(0, 0, 0, 0)
        tp_layout.addWidget(self.touchpoint)
        tp_layout.addWidget(self.measurements)
        self.stage = StageForm(controller)
        self.annotation = AnnotationForm(controller)
        self.connector = ConnectorForm(controller)
        self.empty = QWidget()
        self.pages = QStackedWidget()
        self.pages.currentChanged.connect(self._fit_page)
        for page in (self.empty, tp_page, self.stage, self.annotation, self.connector):
            self.pages.addWidget(page)
        self._tp_page = tp_page
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.pages)
        layout.addStretch(1)
        #: ("touchpoint" | "stage" | "annotation" | "connector", id) shown, or None.
        self.shown: tuple[str, int] | None = None
        self.show_selection()

    # -- what to show ------------------------------------------------------------
    def selection(self) -> tuple[str, int] | None | int:
        """The item to inspect; the number of touchpoints when several are selected."""
        cards, stages, markers, arrows = [], [], [], []
        for item in self.scene.selectedItems():
            if isinstance(item, CardItem):
                cards.append(item.touchpoint_id)
            elif isinstance(item, StageHeaderItem):
                stages.append(item.stage_id)
            elif isinstance(item, MarkerItem):
                markers.append(item.annotation_id)
            elif isinstance(item, ConnectorItem):
                arrows.append(item.connector_id)
        if len(cards) > 1:
            return len(cards)
        if cards:
            return ("touchpoint", cards[0])
        for kind, ids in (("annotation", markers), ("connector", arrows), ("stage", stages)):
            if ids:
                return (kind, ids[0])
        return None

    def show_selection(self) -> None:
        if not alive(self.scene):
            return
        target = self.selection()
        if isinstance(target, int):
            self._show_nothing(f"{target} touchpoints selected", "Select one to edit it.")
            return
        self.show_item(target)

    def show_item(self, target: tuple[str, int] | None) -> None:
        self.shown = target
        if target is None or self.controller.doc is None:
            self._show_nothing(
                "Nothing selected",
                "Select a touchpoint, a stage header, an annotation marker or a connector "
                "on the map.",
            )
            return
        kind, item_id = target
        self.pages.setEnabled(not self.controller.doc.read_only)
        if kind == "touchpoint":
            ok = self.touchpoint.show_item(item_id)
            if ok:
                self.measurements.show_touchpoint(item_id)
            page: QWidget = self._tp_page
        else:
            form = self._forms()[kind]
            ok, page = form.show_item(item_id), form
        if not ok:
            self.show_item(None)
            return
        self.heading.setText(self._heading(kind, item_id))
        self.hint.setText("")
        self.hint.hide()
        self.pages.setCurrentWidget(page)

    def _forms(self) -> dict[str, ItemForm]:
        return {
            "touchpoint": self.touchpoint,
            "stage": self.stage,
            "annotation": self.annotation,
            "connector": self.connector,
        }

    def _fit_page(self, current: int) -> None:
        """Size the stack to the page shown, not to the tallest page."""
        for index in range(self.pages.count()):
            policy = (
                QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            )
            self.pages.widget(index).setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    def _heading(self, kind: str, item_id: int) -> str:
        if kind == "annotation":
            marker = self.scene.markers.get(item_id)
            return f"Annotation {marker.ann.number}" if marker else "Annotation"
        return kind.capitalize()

    def _show_nothing(self, heading: str, hint: str) -> None:
        self.shown = None
        self.heading.setText(heading)
        self.hint.setText(hint)
        self.hint.show()
        self.pages.setCurrentWidget(self.empty)

    # -- reactions -------------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        """Re-read the shown item when an edit, undo or redo touched it."""
        if "metric" in changes:
            self.measurements.refresh_metrics()
        if self.shown is None:
            return
        kind, item_id = self.shown
        if item_id not in changes.of(kind):
            return
        if not self._forms()[kind].refresh():
            self.show_item(None)
        elif kind == "touchpoint":
            self.measurements.refresh()

    def on_journey_changed(self) -> None:
        self.measurements.refresh_metrics()
        self.show_selection()


class InspectorDock(QDockWidget):
    def __init__(
        self, controller: DocumentController, scene: JourneyScene, parent: QWidget | None = None
    ) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("InspectorDock")
        self.inspector = Inspector(controller, scene)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.inspector)
        self.setWidget(scroll)
        scene.selectionChanged.connect(coalesced(self, self.inspector.show_selection))
        controller.changed.connect(self.inspector.on_changed)
        controller.journeyChanged.connect(self.inspector.on_journey_changed)
