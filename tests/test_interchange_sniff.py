"""Reading real-world CSV bytes: encodings, separators, numbers, dates, header names."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from journeymapper.interchange import sniff
from journeymapper.interchange.report import ImportFailed, ImportReport


def _table(data: bytes) -> tuple[sniff.CsvTable, list[sniff.Record]]:
    table = sniff.read_table(data, "f.csv")
    report = ImportReport()
    records = list(table.records(report))
    assert report.ok, report.text()
    return table, records


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("a,b\nä,€\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "a,b\nä,€\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "a,b\nä,€\n".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "a,b\nä,€\n".encode("utf-16-be"), "utf-16-be"),
        ("a,b\nä,€\n".encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_common_encodings(data: bytes, encoding: str) -> None:
    table, records = _table(data)
    assert table.encoding == encoding
    assert table.header == ["a", "b"]
    assert records == [sniff.Record(2, ["ä", "€"])]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("stage,lane,title\nA,B,C\n", ","),
        ("stage;lane;title\nA;B;4,5\n", ";"),
        ("stage\tlane\ttitle\nA, x\tB; y\tC\n", "\t"),
        ('"stage;x",lane,title\n"A;1",B,C\n', ","),
        ("sep=;\nstage,x;lane\nA,1;B\n", ";"),
    ],
)
def test_sniffs_the_separator(text: str, delimiter: str) -> None:
    table, records = _table(text.encode())
    assert table.delimiter == delimiter
    assert len(records) == 1
    assert len(records[0].values) == len(table.header)


def test_line_numbers_count_physical_lines_across_quoted_newlines_and_blank_rows() -> None:
    text = 'a,b\r\n\r\n"x\r\ny",1\r\n;;\r\n,\r\nz,2\r\n'
    table, records = _table(text.encode())
    assert [(r.line, r.values) for r in records] == [
        (3, ["x\r\ny", "1"]),
        (5, [";;", ""]),
        (7, ["z", "2"]),
    ]
    assert table.header_line == 1


def test_short_rows_are_padded_and_long_rows_reported() -> None:
    table = sniff.read_table(b"a,b,c\n1\n1,2,3,4\n1,2,3,,\n", "f.csv")
    report = ImportReport("f.csv")
    records = list(table.records(report))
    assert [r.values for r in records] == [["1", "", ""], ["1", "2", "3"]]
    assert report.lines() == [
        "line 3: This row has 4 values but the header has 3 columns "
        "(is a value with a comma missing its quotes?)."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "f.csv is empty: there is nothing to import."),
        (b"\r\n \r\n", "f.csv is empty: there is nothing to import."),
        (codecs.BOM_UTF8, "f.csv is empty: there is nothing to import."),
        (b"a,b\x00\x01\x02c\n", "f.csv is not a CSV file: it contains binary data."),
        (bytes(range(1, 32)) * 50, "f.csv is not a CSV file: it contains binary data."),
        (b"%PDF-1.4 ...", "f.csv is not a CSV file: it is a PDF document."),
        (
            b"\x81\x8d\x8f\x90",
            "f.csv is not readable text (neither UTF-8 nor Windows-1252). "
            "Save it again as CSV UTF-8.",
        ),
    ],
)
def test_refuses_what_is_not_text(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        sniff.read_table(data, "f.csv")
    assert info.value.report.lines() == [message]


@pytest.mark.parametrize(
    ("text", "decimal_comma", "value"),
    [
        ("4.5", False, 4.5),
        ("4,5", True, 4.5),
        ("4,5", False, 4.5),
        ("1.234,5", True, 1234.5),
        ("1,234.5", False, 1234.5),
        ("-12", True, -12.0),
        ("+3", False, 3.0),
        ("45 %", False, 45.0),
        ("1\u00a0234,5", True, 1234.5),
        (" 7 ", False, 7.0),
    ],
)
def test_parse_number(text: str, decimal_comma: bool, value: float) -> None:
    assert sniff.parse_number(text, decimal_comma) == value


@pytest.mark.parametrize(
    ("text", "decimal_comma", "message"),
    [
        ("1,234", False, "'1,234' is ambiguous: a decimal comma or a thousands separator?"),
        ("1.234", True, "'1.234' is ambiguous: a decimal point or a thousands separator?"),
        ("abc", False, "'abc' is not a number."),
        ("nan", False, "'nan' is not a number."),
        ("inf", True, "'inf' is not a number."),
    ],
)
def test_parse_number_refuses(text: str, decimal_comma: bool, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("?", r"\?").replace(".", r"\.")):
        sniff.parse_number(text, decimal_comma)


def test_parse_int_reads_thousands_groups() -> None:
    assert sniff.parse_int("1.200", True) == 1200
    assert sniff.parse_int("1,200", False) == 1200
    assert sniff.parse_int("120", False) == 120
    with pytest.raises(ValueError, match="not a whole number"):
        sniff.parse_int("12.5", False)


@pytest.mark.parametrize(
    ("text", "order", "day"),
    [
        ("2026-04-03", None, dt.date(2026, 4, 3)),
        ("2026/4/3", None, dt.date(2026, 4, 3)),
        ("2026-04-03T10:30:00", None, dt.date(2026, 4, 3)),
        ("2026-04-03 10:30", None, dt.date(2026, 4, 3)),
        ("13/04/2026", None, dt.date(2026, 4, 13)),
        ("04/13/2026", None, dt.date(2026, 4, 13)),
        ("13-04-2026", None, dt.date(2026, 4, 13)),
        ("03.04.2026", None, dt.date(2026, 4, 3)),
        ("04/04/2026", None, dt.date(2026, 4, 4)),
        ("03/04/2026", "dmy", dt.date(2026, 4, 3)),
        ("03/04/2026", "mdy", dt.date(2026, 3, 4)),
        ("4 March 2026", None, dt.date(2026, 3, 4)),
        ("4. Mar 2026", None, dt.date(2026, 3, 4)),
        ("March 4, 2026", None, dt.date(2026, 3, 4)),
        ("Sept 30th 2026", None, dt.date(2026, 9, 30)),
    ],
)
def test_parse_date(text: str, order: str | None, day: dt.date) -> None:
    assert sniff.parse_date(text, order) == day


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("03/04/2026", "'03/04/2026' is ambiguous: day 3 of month 4, or month 3 day 4?"),
        ("3/4/26", "'3/4/26' has a two-digit year"),
        ("31/02/2026", "'31/02/2026' is not a real date."),
        ("13/13/2026", "'13/13/2026' is not a real date."),
        ("2026-13-01", "'2026-13-01' is not a real date."),
        ("soon", "'soon' is not a date (write dates as YYYY-MM-DD)."),
        ("4 Smarch 2026", "'4 Smarch 2026' is not a date"),
    ],
)
def test_parse_date_reports_rather_than_guesses(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as info:
        sniff.parse_date(text)
    assert str(info.value).startswith(reason)


def test_headers_match_case_insensitively_with_synonyms_and_units() -> None:
    columns = [
        sniff.Column("title", ("touchpoint",), required=True),
        sniff.Column("sample size", ("n",)),
        sniff.Column("value", required=True),
    ]
    table = sniff.read_table(
        "\ufeffTOUCHPOINT ,Sample_Size,Value (%),Other\nx,1,2,3\n".encode(), "f"
    )
    report = ImportReport()
    found = sniff.match_columns(table, columns, report)
    assert report.ok
    assert found.index == {"title": 0, "sample size": 1, "value": 2}
    assert found.unknown == [(3, "Other")]


def test_missing_and_duplicate_headers_are_reported() -> None:
    columns = [
        sniff.Column("title", ("name",), required=True),
        sniff.Column("value", required=True),
    ]
    table = sniff.read_table(b"Title,Name\nx,y\n", "f")
    report = ImportReport()
    sniff.match_columns(table, columns, report)
    assert report.lines() == [
        "line 1, column 'Name': Two columns both mean 'title': 'Title' and 'Name'. "
        "Remove one of them.",
        "line 1: The header has no 'value' column. Columns found: 'Title', 'Name'.",
    ]


def test_size_limit_is_checked_before_reading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)
    with pytest.raises(ImportFailed) as info:
        sniff.read_bytes(big, max_bytes=2 * 1024 * 1024)
    assert info.value.report.lines() == [
        "big.csv is 3.0 MB, larger than the 2.0 MB Journey Mapper imports at once. "
        "Split it into smaller files (or remove columns it does not need)."
    ]
