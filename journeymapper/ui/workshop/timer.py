"""The exercise countdown shown in the workshop bar: start, pause, adjust, and a gentle alert.

Time is measured with a monotonic clock, not by counting ticks, so a busy
event loop never makes the countdown run slow.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

DEFAULT_SECONDS = 5 * 60
#: How long the end-of-exercise blinking lasts, and how fast it blinks.
ALERT_MS = 12_000
BLINK_MS = 600


def format_seconds(seconds: float) -> str:
    """mm:ss, rounding up so "00:00" appears only when the time is really over."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60:02d}:{whole % 60:02d}"


class CountdownTimer(QObject):
    """A pausable countdown; ``tick`` reports the seconds left, ``finished`` fires once at zero."""

    tick = Signal(float)
    finished = Signal()
    runningChanged = Signal(bool)

    def __init__(
        self,
        seconds: float = DEFAULT_SECONDS,
        interval_ms: int = 200,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.duration = float(seconds)
        self._left_at_start = self.duration
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(interval_ms)
        self._ticker.timeout.connect(self._on_tick)

    @property
    def running(self) -> bool:
        return self._ticker.isActive()

    @property
    def remaining(self) -> float:
        if not self.running:
            return self._left_at_start
        return max(0.0, self._left_at_start - self._clock.elapsed() / 1000)

    def start(self) -> None:
        if self.running:
            return
        if self._left_at_start <= 0:
            self._left_at_start = self.duration
        self._clock.start()
        self._ticker.start()
        self.runningChanged.emit(True)
        self.tick.emit(self.remaining)

    def pause(self) -> None:
        if self.running:
            self._left_at_start = self.remaining
            self._ticker.stop()
            self.runningChanged.emit(False)
            self.tick.emit(self.remaining)

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        was_running = self.running
        self._ticker.stop()
        self._left_at_start = self.duration
        if was_running:
            self.runningChanged.emit(False)
        self.tick.emit(self.remaining)

    def set_duration(self, seconds: float) -> None:
        """A new exercise length (at least 1 s); a stopped timer shows it at once."""
        self.duration = max(1.0, float(seconds))
        if not self.running:
            self._left_at_start = self.duration
            self.tick.emit(self.remaining)

    def adjust(self, seconds: float) -> None:
        """Add (or take away) time, running or not; a stopped timer also keeps it as its length."""
        left = max(1.0, self.remaining + seconds)
        if self.running:
            self._clock.start()
        else:
            self.duration = left
        self._left_at_start = left
        self.tick.emit(self.remaining)

    def _on_tick(self) -> None:
        left = self.remaining
        if left <= 0:
            self._ticker.stop()
            self._left_at_start = 0.0
            self.tick.emit(0.0)
            self.runningChanged.emit(False)
            self.finished.emit()
            return
        self.tick.emit(left)


class TimerWidget(QWidget):
    """mm:ss with start/pause, ±1 minute and reset buttons; blinks for a while at zero."""

    #: True/False phases of the end-of-exercise blink (False also when the alert ends).
    blink = Signal(bool)

    def __init__(self, timer: CountdownTimer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timer = timer
        self.alerting = False
        self._phase = False
        self.label = QLabel(format_seconds(timer.remaining))
        self.label.setObjectName("timerLabel")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(110)
        self.start_button = QPushButton("Start")
        self.start_button.setToolTip("Start or pause the exercise timer (Alt+T)")
        minus, plus, reset = QPushButton("−1"), QPushButton("+1"), QPushButton("Reset")
        minus.setToolTip("One minute less")
        plus.setToolTip("One minute more")
        for button in (self.start_button, minus, plus, reset):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.start_button.clicked.connect(self.toggle)
        minus.clicked.connect(lambda: self.timer.adjust(-60))
        plus.clicked.connect(lambda: self.timer.adjust(60))
        reset.clicked.connect(self.reset)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.label)
        for button in (self.start_button, minus, plus, reset):
            row.addWidget(button)
        self._blinker = QTimer(self)
        self._blinker.setInterval(BLINK_MS)
        self._blinker.timeout.connect(self._blink)
        self._alert_end = QTimer(self)
        self._alert_end.setSingleShot(True)
        self._alert_end.timeout.connect(self._settle)
        timer.tick.connect(lambda s: self.label.setText(format_seconds(s)))
        timer.runningChanged.connect(
            lambda running: self.start_button.setText("Pause" if running else "Start")
        )
        timer.finished.connect(self.start_alert)

    def toggle(self) -> None:
        self.stop_alert()
        self.timer.toggle()

    def reset(self) -> None:
        self.stop_alert()
        self.timer.reset()

    def start_alert(self) -> None:
        self.alerting = True
        self._phase = False
        self._blink()
        self._blinker.start()
        self._alert_end.start(ALERT_MS)

    def _settle(self) -> None:
        """After blinking a while, stay in the "time is up" colour until the next start or reset."""
        self._blinker.stop()
        self._phase = True
        self.blink.emit(True)

    def stop_alert(self) -> None:
        self._blinker.stop()
        self._alert_end.stop()
        if self.alerting:
            self.alerting = False
            self._phase = False
            self.blink.emit(False)

    def _blink(self) -> None:
        self._phase = not self._phase
        self.blink.emit(self._phase)
