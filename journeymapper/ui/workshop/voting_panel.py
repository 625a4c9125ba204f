"""The voting panel: start a round, pick who votes, close/hide/reveal/reset, ranked results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model.enums import RoundState
from journeymapper.ui.workshop.voting import ParticipantsError, Voting, parse_participants

HELP = (
    "Click a card to add a dot · Shift+click takes it back\n"
    "V / Shift+V: the selected card · 1–9 or Tab: who votes"
)


class VotingPanel(QWidget):
    def __init__(self, voting: Voting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("votingPanel")
        self.voting = voting
        self.dots = QSpinBox()
        self.dots.setRange(1, 50)
        self.dots.setValue(3)
        self.people = QLineEdit("3")
        self.people.setPlaceholderText("6  or  Ann, Bob, Chris")
        self.people.returnPressed.connect(self.start)
        self.start_button = QPushButton("Start round")
        self.start_button.clicked.connect(self.start)
        setup = QFormLayout()
        setup.addRow("Dots each", self.dots)
        setup.addRow("Participants", self.people)
        setup.addRow("", self.start_button)
        self.round_label = QLabel()
        self.round_label.setObjectName("roundLabel")
        self.round_label.setWordWrap(True)
        self.who = QComboBox()
        self.who.currentIndexChanged.connect(self._who_picked)
        self.left_label = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("close", "Close", voting.close),
            ("hide", "Hide", voting.hide),
            ("reveal", "Reveal", voting.reveal),
            ("reopen", "Reopen", voting.reopen),
            ("reset", "Reset", voting.reset),
        ):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        self.results = QTableWidget(0, 2)
        self.results.setHorizontalHeaderLabels(["Item", "Votes"])
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.hidden_label = QLabel("Votes are hidden. Reveal them when the room is ready.")
        self.hidden_label.setWordWrap(True)
        help_label = QLabel(HELP)
        help_label.setObjectName("helpLabel")
        help_label.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addLayout(setup)
        box.addWidget(self.round_label)
        who_row = QHBoxLayout()
        who_row.addWidget(QLabel("Voting:"))
        who_row.addWidget(self.who, 1)
        who_row.addWidget(self.left_label)
        box.addLayout(who_row)
        box.addLayout(row)
        box.addWidget(self.hidden_label)
        box.addWidget(self.results, 1)
        box.addWidget(help_label)
        voting.changed.connect(self.refresh)
        self.refresh()

    def start(self) -> None:
        try:
            people = parse_participants(self.people.text())
        except ParticipantsError as exc:
            self.voting.message.emit(str(exc))
            return
        if self.voting.start_round(self.dots.value(), people) is not None:
            self.results.setFocus()

    def _who_picked(self, index: int) -> None:
        if index >= 0:
            self.voting.select(index)

    def refresh(self) -> None:
        voting = self.voting
        info = voting.info()
        open_ = info is not None and info.state == RoundState.OPEN
        for widget in (self.dots, self.people, self.start_button):
            widget.setEnabled(not open_)
        if info is None:
            self.round_label.setText("No voting round yet.")
        else:
            self.round_label.setText(f"{info.name} · {info.state} · {info.dots} dots each")
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItems(voting.participants)
        self.who.setCurrentIndex(voting.current if voting.participants else -1)
        self.who.blockSignals(False)
        self.who.setEnabled(open_)
        who = voting.participant
        self.left_label.setText(f"{voting.dots_left()} left" if open_ and who else "")
        state = info.state if info else None
        self.buttons["close"].setEnabled(state == RoundState.OPEN)
        self.buttons["hide"].setEnabled(state in (RoundState.OPEN, RoundState.CLOSED))
        self.buttons["reveal"].setEnabled(state == RoundState.HIDDEN)
        self.buttons["reopen"].setEnabled(state in (RoundState.CLOSED, RoundState.HIDDEN))
        self.buttons["reset"].setEnabled(info is not None)
        hidden = state == RoundState.HIDDEN
        self.hidden_label.setVisible(hidden)
        self.results.setVisible(not hidden)
        rows = [] if hidden else voting.results()
        self.results.setRowCount(len(rows))
        for i, row in enumerate(rows):
            self.results.setItem(i, 0, QTableWidgetItem(row.label))
            count = QTableWidgetItem(str(row.votes))
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.results.setItem(i, 1, count)
