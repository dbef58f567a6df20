"""The benchmark sheet written with XlsxWriter.

    python write_xlsxwriter.py FILE --rows N [--shared-strings]

Default: constant_memory mode (rows streamed, strings inline), like libxlsxwriter's reference run.
--shared-strings: XlsxWriter's normal mode (shared strings, every cell held until close).
Data from gen_data.py (its generation cost is included; `python gen_data.py --rows N` times it alone).
"""

import sys

import xlsxwriter

import gen_data


def main(argv):
    path, rows = argv[1], gen_data.rows_argument(argv)
    workbook = xlsxwriter.Workbook(path, {"constant_memory": "--shared-strings" not in argv})
    sheet = workbook.add_worksheet("Data")
    amount = workbook.add_format({"num_format": gen_data.AMOUNT_FORMAT})
    date = workbook.add_format({"num_format": gen_data.DATE_FORMAT})
    write_string, write_number, write_datetime = sheet.write_string, sheet.write_number, sheet.write_datetime
    for r, row in enumerate(gen_data.rows(rows)):
        write_string(r, 0, row[0])
        write_string(r, 1, row[1])
        write_string(r, 2, row[2])
        for c in range(3, 8):
            write_number(r, c, row[c], amount)
        write_number(r, 8, row[8])
        write_datetime(r, 9, row[9], date)
    workbook.close()


if __name__ == "__main__":
    main(sys.argv)
