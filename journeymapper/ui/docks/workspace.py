"""The Workspace dock: the journeys of the file and the personas they share.

Journeys: add, rename, duplicate as a future-state version, delete (after a
confirmation saying what goes with it), switch, and set persona and state.
Personas: add, edit name/description/goals/pains/colour, delete. All through
the controller, so each is one undo step.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper import editing
from journeymapper.editing import Changes
from journeymapper.editing import copy as journey_copy
from journeymapper.model.document import Document
from journeymapper.model.enums import JourneyState
from journeymapper.store import workspace_queries as queries
from journeymapper.ui.controller import DocumentController
from journeymapper.ui.docks.fields import swatch
from journeymapper.ui.docks.item_form import ItemForm

ID_ROLE = Qt.ItemDataRole.UserRole


class PersonaForm(ItemForm):
    table, id_arg, noun = "persona", "persona_id", "persona"
    op = staticmethod(editing.edit_persona)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        fields = editing.rules.PERSONA_FIELDS
        self.name = self.add_line("name", "Name", fields["name"])
        self.description = self.add_text("description", "Description", fields["description"])
        self.goals = self.add_text("goals", "Goals", fields["goals"])
        self.pains = self.add_text("pains", "Pains", fields["pains"])
        self.colour = self.add_colour("colour", "Colour", fields["colour"], allow_empty=False)

    def read(self, doc: Document, item_id: int) -> dict[str, Any] | None:
        found = queries.persona_fields(doc, item_id)
        return asdict(found) if found else None


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


class WorkspacePanel(QWidget):
    """Journeys above, personas below."""

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._filling = False

        # journeys
        self.journeys = QTreeWidget()
        self.journeys.setColumnCount(1)
        self.journeys.setHeaderHidden(True)
        self.journeys.setRootIsDecorated(False)
        self.journeys.setWordWrap(True)
        self.journeys.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.journeys.currentItemChanged.connect(self._journey_clicked)
        self.add_journey_button = _button("Add…", "Add an empty journey")
        self.rename_button = _button("Rename…", "Rename the selected journey")
        self.duplicate_button = _button(
            "Duplicate as future…", "Copy the journey as a future-state version"
        )
        self.delete_journey_button = _button("Delete", "Delete the selected journey")
        self.add_journey_button.clicked.connect(self.add_journey)
        self.rename_button.clicked.connect(self.rename_journey)
        self.duplicate_button.clicked.connect(self.duplicate_journey)
        self.delete_journey_button.clicked.connect(self.delete_journey)
        self.persona_combo = QComboBox()
        self.persona_combo.currentIndexChanged.connect(self._persona_chosen)
        self.state_combo = QComboBox()
        for state in JourneyState:
            self.state_combo.addItem(state.value.capitalize(), state.value)
        self.state_combo.currentIndexChanged.connect(self._state_chosen)

        journey_box = QGroupBox("Journeys")
        row1 = QHBoxLayout()
        row1.addWidget(self.add_journey_button)
        row1.addWidget(self.rename_button)
        row1.addWidget(self.delete_journey_button)
        details = QFormLayout()
        details.addRow("Persona", self.persona_combo)
        details.addRow("State", self.state_combo)
        box = QVBoxLayout(journey_box)
        box.addWidget(self.journeys, 1)
        box.addLayout(row1)
        box.addWidget(self.duplicate_button)
        box.addLayout(details)

        # personas
        self.personas = QListWidget()
        self.personas.currentItemChanged.connect(self._persona_selected)
        self.add_persona_button = _button("Add…", "Add a persona")
        self.delete_persona_button = _button("Delete", "Delete the selected persona")
        self.add_persona_button.clicked.connect(self.add_persona)
        self.delete_persona_button.clicked.connect(self.delete_persona)
        self.persona_form = PersonaForm(controller)
        persona_box = QGroupBox("Personas")
        row2 = QHBoxLayout()
        row2.addWidget(self.add_persona_button)
        row2.addWidget(self.delete_persona_button)
        row2.addStretch(1)
        pbox = QVBoxLayout(persona_box)
        pbox.addWidget(self.personas, 1)
        pbox.addLayout(row2)
        pbox.addWidget(self.persona_form)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(journey_box)
        splitter.addWidget(persona_box)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.reload()

    # -- dialogs (tests replace these) ---------------------------------------------
    def ask_text(self, title: str, label: str, default: str = "") -> str | None:
        text, ok = QInputDialog.getText(self, title, label, text=default)
        return text if ok else None

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Journey Mapper", question)
        return answer == QMessageBox.StandardButton.Yes

    # -- reading -------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read both lists (they are short)."""
        doc = self.controller.doc
        self._filling = True
        try:
            self._fill_journeys(doc)
            self._fill_personas(doc)
            self._show_journey_details()
        finally:
            self._filling = False
        self._persona_selected()
        writable = doc is not None and not doc.read_only
        for widget in (self.persona_form, self.persona_combo, self.state_combo):
            widget.setEnabled(writable and widget.isEnabled())

    def _fill_journeys(self, doc: Document | None) -> None:
        self.journeys.clear()
        rows = queries.list_journey_rows(doc) if doc else []
        bold = QFont(self.journeys.font())
        bold.setBold(True)
        for row in rows:
            journey_id, name = row.id, row.name
            detail = f"{row.persona_name or 'No persona'} · {row.state.capitalize()} state"
            item = QTreeWidgetItem([f"{name}\n{detail}"])
            item.setData(0, ID_ROLE, journey_id)
            item.setToolTip(0, f"{name}\n{detail}")
            if journey_id == self.controller.journey_id:
                item.setFont(0, bold)
            self.journeys.addTopLevelItem(item)
            if journey_id == self.controller.journey_id:
                self.journeys.setCurrentItem(item)
        has = doc is not None and not doc.read_only
        self.add_journey_button.setEnabled(has)
        for button in (self.rename_button, self.duplicate_button, self.delete_journey_button):
            button.setEnabled(has and bool(rows))

    def _fill_personas(self, doc: Document | None) -> None:
        current = self.selected_persona()
        self.personas.clear()
        self.persona_combo.clear()
        self.persona_combo.addItem("No persona", None)
        rows = queries.list_persona_rows(doc) if doc else []
        for row in rows:
            item = QListWidgetItem(swatch(row.colour), row.name)
            item.setData(ID_ROLE, row.id)
            self.personas.addItem(item)
            if row.id == current:
                self.personas.setCurrentItem(item)
            self.persona_combo.addItem(swatch(row.colour), row.name, row.id)
        if self.personas.currentItem() is None and self.personas.count():
            self.personas.setCurrentRow(0)
        self.add_persona_button.setEnabled(doc is not None and not doc.read_only)

    def _show_journey_details(self) -> None:
        doc = self.controller.doc
        journey_id = self.selected_journey()
        found = (
            queries.journey_settings(doc, journey_id) if doc and journey_id is not None else None
        )
        self.persona_combo.setEnabled(found is not None)
        self.state_combo.setEnabled(found is not None)
        if found is not None:
            self.persona_combo.setCurrentIndex(
                max(0, self.persona_combo.findData(found.persona_id))
            )
            self.state_combo.setCurrentIndex(max(0, self.state_combo.findData(found.state)))

    def selected_journey(self) -> int | None:
        item = self.journeys.currentItem()
        return int(item.data(0, ID_ROLE)) if item else None

    def selected_persona(self) -> int | None:
        item = self.personas.currentItem()
        return int(item.data(ID_ROLE)) if item else None

    def _journey_name(self, journey_id: int) -> str:
        doc = self.controller.doc
        return (queries.journey_name(doc, journey_id) if doc else None) or ""

    # -- reactions -----------------------------------------------------------------
    def on_changed(self, changes: Changes) -> None:
        if not {"journey", "persona", "workspace"} & set(changes.ids):
            return
        doc = self.controller.doc
        current = self.controller.journey_id
        if doc is not None and (current is None or not queries.journey_exists(doc, current)):
            remaining = queries.journey_ids(doc)
            if remaining:
                self.controller.set_journey(remaining[0])  # journeyChanged reloads us
                return
        self.reload()

    def _journey_clicked(self, item: QTreeWidgetItem | None) -> None:
        if self._filling or item is None:
            return
        self.controller.set_journey(int(item.data(0, ID_ROLE)))

    def _persona_chosen(self, index: int) -> None:
        journey_id = self.selected_journey()
        if self._filling or journey_id is None or index < 0:
            return
        self.controller.run(
            "Set journey persona",
            editing.edit_journey,
            journey_id=journey_id,
            persona_id=self.persona_combo.itemData(index),
        )

    def _state_chosen(self, index: int) -> None:
        journey_id = self.selected_journey()
        if self._filling or journey_id is None or index < 0:
            return
        self.controller.run(
            "Set journey state",
            editing.edit_journey,
            journey_id=journey_id,
            state=self.state_combo.itemData(index),
        )

    def _persona_selected(self, *_args: object) -> None:
        if self._filling:
            return
        persona_id = self.selected_persona()
        self.persona_form.setEnabled(persona_id is not None)
        self.delete_persona_button.setEnabled(persona_id is not None)
        self.persona_form.show_item(persona_id)

    # -- journey actions -------------------------------------------------------------
    def add_journey(self) -> int | None:
        name = self.ask_text("Add journey", "Name of the new journey:", "New journey")
        if name is None:
            return None
        result = self.controller.run(
            "Add journey",
            editing.add_journey,
            name=name,
            persona_id=self.selected_persona_for_new(),
        )
        if result is None or result.created_id is None:
            return None
        self.controller.set_journey(result.created_id)
        return result.created_id

    def selected_persona_for_new(self) -> int | None:
        """A new journey starts with the persona of the journey on screen."""
        doc, current = self.controller.doc, self.controller.journey_id
        if doc is None or current is None:
            return None
        found = queries.journey_settings(doc, current)
        return found.persona_id if found else None

    def rename_journey(self) -> bool:
        journey_id = self.selected_journey()
        if journey_id is None:
            return False
        old = self._journey_name(journey_id)
        name = self.ask_text("Rename journey", "New name:", old)
        if name is None or name.strip() == old:
            return False
        return (
            self.controller.run(
                "Rename journey", editing.edit_journey, journey_id=journey_id, name=name
            )
            is not None
        )

    def duplicate_journey(self) -> int | None:
        journey_id = self.selected_journey()
        if journey_id is None:
            return None
        default = journey_copy.copy_name(self._journey_name(journey_id))
        name = self.ask_text("Duplicate as future state", "Name of the copy:", default)
        if name is None:
            return None
        result = self.controller.run(
            "Duplicate journey",
            journey_copy.duplicate_journey,
            journey_id=journey_id,
            name=name,
            state=JourneyState.FUTURE.value,
        )
        if result is None or result.created_id is None:
            return None
        self.controller.set_journey(result.created_id)
        return result.created_id

    def delete_journey(self) -> bool:
        journey_id = self.selected_journey()
        doc = self.controller.doc
        if journey_id is None or doc is None:
            return False
        position = queries.journey_ids(doc)
        others = [other for other in position if other != journey_id]
        name = self._journey_name(journey_id)
        if not others:
            self.controller.errorOccurred.emit(
                f"{name!r} is the only journey of this workspace; add another before deleting it."
            )
            return False
        size = queries.journey_size(doc, journey_id)
        question = (
            f"Delete the journey {name!r} with its {size.stages} stages and {size.touchpoints} "
            "touchpoints? (Edit > Undo brings it back.)"
        )
        if not self.confirm(question):
            return False
        if journey_id == self.controller.journey_id:
            index = position.index(journey_id)
            neighbour = position[index + 1] if index + 1 < len(position) else position[index - 1]
            self.controller.set_journey(neighbour)
        return (
            self.controller.run("Delete journey", editing.delete_journey, journey_id=journey_id)
            is not None
        )

    # -- persona actions ---------------------------------------------------------------
    def add_persona(self) -> int | None:
        name = self.ask_text("Add persona", "Name of the persona:", "")
        if name is None:
            return None
        result = self.controller.run("Add persona", editing.add_persona, name=name)
        if result is None or result.created_id is None:
            return None
        for row in range(self.personas.count()):
            if self.personas.item(row).data(ID_ROLE) == result.created_id:
                self.personas.setCurrentRow(row)
        return result.created_id

    def delete_persona(self) -> bool:
        persona_id = self.selected_persona()
        doc = self.controller.doc
        if persona_id is None or doc is None:
            return False
        usage = queries.persona_usage(doc, persona_id)
        if usage is None:
            return False
        question = f"Delete the persona {usage.name!r}?"
        if usage.journeys:
            question += f" {usage.journeys} journey(s) will have no persona."
        if not self.confirm(question):
            return False
        return (
            self.controller.run("Delete persona", editing.delete_persona, persona_id=persona_id)
            is not None
        )


class WorkspaceDock(QDockWidget):
    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__("Workspace", parent)
        self.setObjectName("WorkspaceDock")
        self.panel = WorkspacePanel(controller)
        self.setWidget(self.panel)
        controller.changed.connect(self.panel.on_changed)
        controller.journeyChanged.connect(self.panel.reload)
