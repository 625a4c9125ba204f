"""What the canvas offers for connectors and the blueprint view: relabel, change the kind,
delete, switch a journey between map and blueprint, add a blueprint layer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QInputDialog, QMenu

from journeymapper import editing
from journeymapper.model.enums import LAYER_KINDS, LAYER_LABELS, ConnectorKind, JourneyView
from journeymapper.ui.canvas.scene import JourneyScene


class ConnectorActions:
    """Connector and blueprint-view edits of one scene, each one undo step."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        #: Asks for a label (None: cancelled); tests replace it.
        self.ask_label: Callable[[str], str | None] = self._ask_dialog

    def _ask_dialog(self, current: str) -> str | None:
        views = self.scene.views()
        text, ok = QInputDialog.getText(
            views[0] if views else None, "Connector label", "Label:", text=current
        )
        return text if ok else None

    def edit_label(self, connector_id: int) -> None:
        data, controller = self.scene.data, self.scene.controller
        conn = data.connectors.get(connector_id) if data is not None else None
        if conn is None or controller is None:
            return
        label = self.ask_label(conn.label)
        if label is not None and label.strip() != conn.label:
            controller.run(
                "Relabel connector", editing.edit_connector, connector_id=connector_id, label=label
            )

    def set_kind(self, connector_id: int, kind: str) -> None:
        if self.scene.controller is not None:
            self.scene.controller.run(
                f"Make connector a {ConnectorKind(kind).label.lower()}",
                editing.edit_connector,
                connector_id=connector_id,
                kind=kind,
            )

    def delete(self, connector_id: int) -> None:
        if self.scene.controller is not None:
            self.scene.controller.run(
                "Delete connector", editing.delete_connector, connector_id=connector_id
            )

    def set_view(self, view: str) -> None:
        """Show the journey as a plain map or as a blueprint (remembered in the file)."""
        data, controller = self.scene.data, self.scene.controller
        if data is None or controller is None or self.scene.blueprint.view == view:
            return
        label = "Show as blueprint" if view == JourneyView.BLUEPRINT else "Show as journey map"
        controller.run(label, editing.set_journey_view, journey_id=data.id, view=view)

    def connector_entries(self, menu: QMenu, connector_id: int) -> None:
        menu.addAction("Edit label…", lambda: self.edit_label(connector_id))
        kinds = menu.addMenu("Kind")
        data = self.scene.data
        current = data.connectors[connector_id].kind if data else None
        for kind in ConnectorKind:
            act = kinds.addAction(kind.label, lambda k=kind.value: self.set_kind(connector_id, k))
            act.setCheckable(True)
            act.setChecked(kind.value == current)
        menu.addAction("Delete connector", lambda: self.delete(connector_id))

    def view_entries(self, menu: QMenu, add_lane: Callable[[str], None]) -> None:
        """Add-layer entries in the blueprint view; the view switch in either view."""
        if self.scene.blueprint.on:
            for kind in LAYER_KINDS:
                menu.addAction(
                    f"Add {LAYER_LABELS[kind].lower()} layer", lambda k=kind: add_lane(k)
                )
            menu.addAction("Show as journey map", lambda: self.set_view(JourneyView.JOURNEY))
        else:
            menu.addAction(
                "Show as service blueprint", lambda: self.set_view(JourneyView.BLUEPRINT)
            )
