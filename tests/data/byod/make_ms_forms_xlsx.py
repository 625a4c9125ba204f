"""Make ms_forms_export.xlsx: a forms tool's Excel export (run: python make_ms_forms_xlsx.py).

Two sheets (a summary first, the responses second), date-time cells, and NPS
answers written as formulas whose cached values are stored as Excel stores
them: openpyxl writes formulas without values, so the sheet XML is patched.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
HEADER = [
    "ID", "Start time", "Completion time", "Email", "Touchpoint",
    "How likely are you to recommend us to a friend?", "How satisfied were you?",
    "How much effort did it take?",
]  # fmt: skip
ROWS = [
    (1, dt.datetime(2026, 3, 5, 10, 0), "anonymous", "Pricing page", 10, 5, 1),
    (2, dt.datetime(2026, 3, 5, 12, 0), "anonymous", "Pricing page", "=3*3", 4, 2),
    (3, dt.datetime(2026, 3, 5, 15, 0), "anonymous", "Pricing page", 4, 2, None),
    (4, dt.datetime(2026, 3, 6, 9, 0), "anonymous", "Landing page", "=MAX(8,2)", 4, 3),
]
#: The values Excel would have cached for the formulas above.
CACHED = {"F3": "9", "F5": "8"}


def build() -> bytes:
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(["Responses", 4])
    sheet = book.create_sheet("Responses")
    sheet.append(HEADER)
    for n, start, email, tp, nps, csat, ces in ROWS:
        sheet.append([n, start, start + dt.timedelta(minutes=3), email, tp, nps, csat, ces])
    raw = io.BytesIO()
    book.save(raw)
    return _with_cached_values(raw.getvalue())


def _with_cached_values(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = body.decode("utf-8")
                for ref, value in CACHED.items():
                    text, n = re.subn(
                        rf'(<c r="{ref}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?',
                        rf"\1<v>{value}</v>",
                        text,
                    )
                    assert n == 1, ref
                body = text.encode("utf-8")
            dst.writestr(item, body)
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "ms_forms_export.xlsx").write_bytes(build())
