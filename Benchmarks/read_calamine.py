"""Reads every cell of every sheet with a Rust calamine binding; prints what `rbm-bench read` prints.

    python read_calamine.py FILE --engine fastexcel|python-calamine

fastexcel decodes each sheet into Arrow columns (its intended use); cells are counted by column
type and numbers summed with pyarrow. python-calamine hands each cell to Python as an object.
Per sheet: `NAME: n=… s=… b=… d=… e=… sum=…` (n numbers, s strings, b booleans, d dates, e errors).
"""

import datetime
import sys

DATE_TYPES = (datetime.date, datetime.time, datetime.timedelta)  # datetime.datetime is a date


def stats_line(name, counts, total):
    return f"{name}: n={counts['n']} s={counts['s']} b={counts['b']} d={counts['d']} e={counts['e']} sum={total!r}"


def read_fastexcel(path):
    import fastexcel
    import pyarrow as pa
    import pyarrow.compute as pc

    reader = fastexcel.read_excel(path)
    for name in reader.sheet_names:
        batch = reader.load_sheet(name, header_row=None).to_arrow()
        counts = dict.fromkeys("nsbde", 0)
        total = 0.0
        for column in batch.columns:
            present = len(column) - column.null_count
            kind = column.type
            if pa.types.is_floating(kind) or pa.types.is_integer(kind):
                counts["n"] += present
                total += pc.sum(column).as_py() or 0
            elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
                counts["s"] += present
            elif pa.types.is_boolean(kind):
                counts["b"] += present
            elif pa.types.is_temporal(kind):
                counts["d"] += present
            elif not pa.types.is_null(kind):
                counts["e"] += present
        print(stats_line(name, counts, total))


def read_python_calamine(path):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    for name in workbook.sheet_names:
        n = s = b = d = 0
        total = 0.0
        for row in workbook.get_sheet_by_name(name).iter_rows():
            for value in row:
                kind = type(value)
                if kind is float or kind is int:
                    n += 1
                    total += value
                elif kind is str:
                    if value:  # calamine pads empty cells of the used range with ""
                        s += 1
                elif kind is bool:
                    b += 1
                elif isinstance(value, DATE_TYPES):
                    d += 1
        print(stats_line(name, {"n": n, "s": s, "b": b, "d": d, "e": 0}, total))


if __name__ == "__main__":
    engine = sys.argv[sys.argv.index("--engine") + 1] if "--engine" in sys.argv else "fastexcel"
    {"fastexcel": read_fastexcel, "python-calamine": read_python_calamine}[engine](sys.argv[1])
