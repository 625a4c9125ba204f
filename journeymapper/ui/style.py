"""Colours, fonts and sizes of the canvas, in one place (the PDF mirrors these choices)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase

from journeymapper.geometry import palette
from journeymapper.paths import FONTS

FONT_FAMILY = "DejaVu Sans"

INK = QColor(palette.INK)
MUTED = QColor(palette.MUTED)
GRID = QColor(palette.GRID)
CANVAS_BG = QColor(palette.CANVAS_BG)
LABEL_BG = QColor(palette.LABEL_BG)
CARD_BG = QColor(palette.CARD_BG)
CARD_BORDER = QColor(palette.CARD_BORDER)
SELECTION = QColor(palette.SELECTION)
DROP = QColor(palette.SELECTION)
ONLINE = QColor(palette.ONLINE)
OFFLINE = QColor(palette.OFFLINE)
EMOTION_LINE = QColor(palette.EMOTION_LINE)
BADGE_BG = QColor(palette.BADGE_BG)
ASSUMED_BORDER = QColor(palette.ASSUMED_BORDER)

EVIDENCE_COLOURS = {k: QColor(v) for k, v in palette.EVIDENCE_COLOURS.items()}
EVIDENCE_LETTERS = palette.EVIDENCE_LETTERS
ANNOTATION_COLOURS = {k: QColor(v) for k, v in palette.ANNOTATION_COLOURS.items()}
BADGE_METRICS = palette.BADGE_METRICS

_loaded = False


def load_fonts() -> None:
    """Register the bundled DejaVu fonts so text looks the same on every machine."""
    global _loaded
    if _loaded:
        return
    for path in sorted(FONTS.glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    _loaded = True


def font(point_size: float, *, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


#: The window chrome in the map's palette, over the Fusion style (one look on every system).
APP_CSS = f"""
QMainWindow, QDockWidget > QWidget {{ background: {palette.CARD_BG}; }}
QMainWindow::separator {{ background: {palette.GRID}; width: 1px; height: 1px; }}
QToolBar#mainToolbar {{
    background: {palette.LABEL_BG}; border: none; border-bottom: 1px solid {palette.GRID};
    padding: 3px 6px; spacing: 2px;
}}
QToolBar#mainToolbar QToolButton {{
    color: {palette.INK}; padding: 4px 8px; border: 1px solid transparent; border-radius: 4px;
}}
QToolBar#mainToolbar QToolButton:hover {{
    background: {palette.BADGE_BG}; border-color: {palette.GRID};
}}
QToolBar#mainToolbar QToolButton:checked {{
    background: {palette.BADGE_BG}; border-color: {palette.SELECTION};
}}
QToolBar#mainToolbar QToolButton:disabled {{ color: {palette.GRID}; }}
QDockWidget {{ color: {palette.INK}; }}
QDockWidget::title {{
    background: {palette.LABEL_BG}; padding: 5px 8px; border-bottom: 1px solid {palette.GRID};
}}
QTabBar::tab {{
    background: {palette.LABEL_BG}; color: {palette.MUTED}; padding: 5px 12px;
    border: 1px solid {palette.GRID}; border-bottom: none; margin-right: 2px;
}}
QTabBar::tab:selected {{ background: {palette.CARD_BG}; color: {palette.INK}; font-weight: bold; }}
QStatusBar {{
    background: {palette.LABEL_BG}; color: {palette.MUTED}; border-top: 1px solid {palette.GRID};
}}
QStatusBar QLabel {{ padding: 0 8px; }}
QStatusBar QLabel#readOnlyStatus {{ color: {palette.INK}; font-weight: bold; }}
QMenuBar {{ background: {palette.CARD_BG}; }}
QMenu::item:selected, QMenuBar::item:selected {{ background: {palette.SELECTION}; color: white; }}
"""


def apply_app_style(app: object) -> None:
    """Fusion plus the palette's style sheet, for the whole application."""
    from PySide6.QtWidgets import QApplication, QStyleFactory

    assert isinstance(app, QApplication)
    if app.styleSheet() == APP_CSS:
        return  # already styled: restyling repolishes every widget the app has open
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setStyleSheet(APP_CSS)
