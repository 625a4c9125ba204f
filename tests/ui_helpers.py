"""Helpers that drive the canvas like a person: real mouse and key events on the view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView

LEFT = Qt.MouseButton.LeftButton


def to_view(view: QGraphicsView, scene_point: tuple[float, float] | QPointF) -> QPoint:
    point = scene_point if isinstance(scene_point, QPointF) else QPointF(*scene_point)
    return view.mapFromScene(point)


def move_mouse(view: QGraphicsView, pos: QPoint, buttons: Qt.MouseButton = LEFT) -> None:
    """A mouse-move event carrying the held buttons (QTest.mouseMove does not send them)."""
    viewport = view.viewport()
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(viewport.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def drag(
    view: QGraphicsView,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    steps: int = 6,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates)."""
    a, b = to_view(view, start), to_view(view, end)
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, modifiers, a)
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        move_mouse(view, p)
    QTest.mouseRelease(viewport, LEFT, modifiers, b)


def click(
    view: QGraphicsView,
    at: tuple[float, float],
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    QTest.mouseClick(view.viewport(), LEFT, modifiers, to_view(view, at))


def double_click(view: QGraphicsView, at: tuple[float, float]) -> None:
    pos = to_view(view, at)
    QTest.mouseClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, pos)
    QTest.mouseDClick(view.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, pos)
