"""The benchmark sheet's data, drawn exactly as rbm-bench (Swift) and write_libxlsxwriter.c (C) draw it.

Generator: splitmix64 (Vigna's reference splitmix64.c), 64-bit wrapping arithmetic, seed 20240601:

    state += 0x9E3779B97F4A7C15
    z = state
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ^ (z >> 27)) * 0x94D049BB133111EB
    return z ^ (z >> 31)

Each row takes 10 draws, in column order (no header row; the sheet is called "Data"):

    A, B, C  string STRINGS[x % 2000]
    D .. H   amount (x % 200_000_000 - 100_000_000) / 100  (-1,000,000.00 .. 999,999.99), format #,##0.00
    I        integer x % 1_000_000, General
    J        date 2015-01-01 + (x % 3653) days, format yyyy-mm-dd

STRINGS[k] = f"{KINDS[k % 5]} {k:04d} {PLACES[(k // 5) % 8]}", e.g. "Budget line 0042 Brasília".

Run as a script it times the generator alone: `python gen_data.py --rows 200000`.
"""

import datetime
import sys
import time

SEED = 20240601
COLUMNS = 10
DISTINCT_STRINGS = 2000
KINDS = ["Output", "Outcome", "Budget line", "Risk", "KPI"]
PLACES = ["Geneva", "Bangkok", "Addis Ababa", "Brasília", "Cairo", "New Delhi", "Santiago", "Yaoundé"]
STRINGS = [f"{KINDS[k % 5]} {k:04d} {PLACES[(k // 5) % 8]}" for k in range(DISTINCT_STRINGS)]
FIRST_DAY = datetime.date(2015, 1, 1)
DAY_SPAN = 3653
AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"

_MASK = 0xFFFFFFFFFFFFFFFF


def rows(count, seed=SEED):
    """Yields `count` rows as tuples: 3 str, 5 float, 1 int, 1 datetime.date."""
    state = seed
    strings = STRINGS
    dates = [FIRST_DAY + datetime.timedelta(days=d) for d in range(DAY_SPAN)]
    for _ in range(count):
        row = []
        for _ in range(COLUMNS):
            state = (state + 0x9E3779B97F4A7C15) & _MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
            row.append(z ^ (z >> 31))
        yield (
            strings[row[0] % 2000], strings[row[1] % 2000], strings[row[2] % 2000],
            (row[3] % 200_000_000 - 100_000_000) / 100,
            (row[4] % 200_000_000 - 100_000_000) / 100,
            (row[5] % 200_000_000 - 100_000_000) / 100,
            (row[6] % 200_000_000 - 100_000_000) / 100,
            (row[7] % 200_000_000 - 100_000_000) / 100,
            row[8] % 1_000_000,
            dates[row[9] % DAY_SPAN],
        )


def rows_argument(argv):
    """The N of `--rows N` in argv."""
    try:
        return int(argv[argv.index("--rows") + 1])
    except (ValueError, IndexError):
        sys.exit("--rows N is required")


if __name__ == "__main__":
    n = rows_argument(sys.argv)
    start = time.perf_counter()
    total = 0.0
    for r in rows(n):
        total += r[3] + r[4] + r[5] + r[6] + r[7] + r[8]
    print(f"{n} rows generated in {time.perf_counter() - start:.2f} s; sum of numbers {total!r}")
