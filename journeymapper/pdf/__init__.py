"""PDF export of an annotated journey map (reportlab, vector, no display needed)."""

from journeymapper.pdf.export import ExportCancelled, ExportReport, PdfExportError, export_pdf
from journeymapper.pdf.options import (
    PAGE_SIZES,
    ExportOptions,
    MapMode,
    Orientation,
    PdfOptionError,
)

__all__ = [
    "PAGE_SIZES",
    "ExportCancelled",
    "ExportOptions",
    "ExportReport",
    "MapMode",
    "Orientation",
    "PdfExportError",
    "PdfOptionError",
    "export_pdf",
]
