"""CSV and XLSX downloads of any report table, safe to open in a spreadsheet."""

import csv
import io

from openpyxl import Workbook

from .tables import Table

#: A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that a spreadsheet would run as a formula with an apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _cells(table: Table):
    yield [neutralise(str(header)) for header in table.headers]
    for row in table.rows:
        yield [neutralise(value) for value in row]


def table_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel on Windows reads the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(_cells(table))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(table: Table) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    for row in _cells(table):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
