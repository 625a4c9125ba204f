"""The slim workshop bar: journey and stage, messages, who votes, the timer and the toggles."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from journeymapper.ui.workshop.timer import CountdownTimer, TimerWidget

MESSAGE_MS = 6000

BAR_CSS = """
QWidget#workshopBar { background: %(bg)s; }
QWidget#workshopBar QLabel { color: %(fg)s; font-size: 16pt; }
QWidget#workshopBar QLabel#journeyLabel { font-weight: bold; }
QWidget#workshopBar QLabel#messageLabel { color: %(msg)s; }
QWidget#workshopBar QLabel#timerLabel { font-size: 22pt; font-weight: bold; }
QWidget#workshopBar QPushButton { font-size: 13pt; padding: 4px 10px; }
"""
NORMAL = {"bg": "#1f2933", "fg": "#ffffff", "msg": "#ffd479"}
ALERT = {"bg": "#f0b429", "fg": "#1f2933", "msg": "#1f2933"}


class WorkshopBar(QWidget):
    def __init__(self, timer: CountdownTimer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workshopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.alert = False
        self.journey_label = QLabel()
        self.journey_label.setObjectName("journeyLabel")
        self.stage_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.voter_label = QLabel()
        self.voter_label.setObjectName("voterLabel")
        self.timer = TimerWidget(timer)
        self.metrics_button = self._toggle("Metrics (M)")
        self.contrast_button = self._toggle("High contrast")
        self.voting_button = self._toggle("Voting")
        self.leave_button = QPushButton("Leave (Esc)")
        self.leave_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 12, 4)
        row.setSpacing(14)
        row.addWidget(self.journey_label)
        row.addWidget(self.stage_label)
        row.addStretch(1)
        row.addWidget(self.message_label)
        row.addStretch(1)
        row.addWidget(self.voter_label)
        row.addWidget(self.timer)
        for button in (
            self.metrics_button,
            self.contrast_button,
            self.voting_button,
            self.leave_button,
        ):
            row.addWidget(button)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.timeout.connect(self.message_label.clear)
        self.timer.blink.connect(self.set_alert)
        self.set_alert(False)

    def _toggle(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self._clear.start(MESSAGE_MS)

    def set_alert(self, on: bool) -> None:
        """The timer's end: the whole bar turns amber (and blinks for a while)."""
        self.alert = on
        self.setStyleSheet(BAR_CSS % (ALERT if on else NORMAL))
