"""Reads every cell of every sheet with openpyxl in read-only mode; prints what `rbm-bench read` prints.

    python read_openpyxl.py FILE
"""

import datetime
import sys

from openpyxl import load_workbook

DATE_TYPES = (datetime.date, datetime.time, datetime.timedelta)  # datetime.datetime is a date


def main(path):
    workbook = load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        n = s = b = d = e = 0
        total = 0.0
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                kind = type(value)
                if kind is float or kind is int:
                    n += 1
                    total += value
                elif kind is str:
                    if value.startswith("#") and value in ERRORS:
                        e += 1
                    else:
                        s += 1
                elif kind is bool:
                    b += 1
                elif isinstance(value, DATE_TYPES):
                    d += 1
        print(f"{sheet.title}: n={n} s={s} b={b} d={d} e={e} sum={total!r}")
    workbook.close()


ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}

if __name__ == "__main__":
    main(sys.argv[1])
