"""Excel workbooks (.xlsx) as CSV text: openpyxl in read-only mode, cached formula values.

A workbook becomes the same comma-separated text a "Save as CSV" would give,
so every importer reads it through one path and problems keep the row numbers
Excel shows. Formulas are read as the values Excel last computed (``data_only``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from journeymapper.interchange.report import fail_with

XLSX_MAGIC = b"PK\x03\x04"


def is_xlsx(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


def _open(data: bytes, name: str):  # type: ignore[no-untyped-def]
    import openpyxl  # imported here: only .xlsx imports pay for it

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise fail_with(
            name,
            f"{name} is not a CSV file: it is a ZIP archive, but not a readable Excel "
            f"workbook (.xlsx) ({exc}).",
        ) from exc


def sheet_names(data: bytes, name: str = "The file") -> list[str]:
    """The workbook's sheets, in tab order."""
    book = _open(data, name)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def xlsx_to_text(data: bytes, name: str, sheet: str | None = None) -> tuple[str, str]:
    """One sheet (default: the first) as CSV text, and a description naming the sheet."""
    book = _open(data, name)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise fail_with(
                name,
                f"{name} has no sheet {sheet!r}; its sheets are "
                f"{', '.join(repr(s) for s in book.sheetnames)}.",
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for row in ws.iter_rows(values_only=True):
            writer.writerow([_cell_text(v) for v in row])
        return out.getvalue(), f"xlsx sheet {ws.title!r}"
    finally:
        book.close()
