"""The benchmark sheet written with openpyxl in write-only mode (always shared strings).

    python write_openpyxl.py FILE --rows N

Data from gen_data.py (its generation cost is included; `python gen_data.py --rows N` times it alone).
"""

import sys

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

import gen_data


def main(argv):
    path, rows = argv[1], gen_data.rows_argument(argv)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    for row in gen_data.rows(rows):
        cells = list(row[:3])
        for value in row[3:8]:
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = gen_data.AMOUNT_FORMAT
            cells.append(cell)
        cells.append(row[8])
        date = WriteOnlyCell(sheet, value=row[9])
        date.number_format = gen_data.DATE_FORMAT
        cells.append(date)
        sheet.append(cells)
    workbook.save(path)


if __name__ == "__main__":
    main(sys.argv)
