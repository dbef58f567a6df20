/*
 * The benchmark sheet written with libxlsxwriter (Debian's libxlsxwriter-dev).
 *
 *     write_libxlsxwriter FILE --rows N [--shared-strings]
 *
 * Default: constant-memory mode (rows streamed to a temporary file, strings inline).
 * --shared-strings: libxlsxwriter's normal mode (a shared-strings table; every cell held in memory
 * until the workbook is closed).
 *
 * The data is drawn exactly as Benchmarks/gen_data.py documents (splitmix64, seed 20240601, 10
 * draws per row in column order), so that every tool writes the same cells.
 *
 * Build: cc -O2 -o write_libxlsxwriter write_libxlsxwriter.c $(pkg-config --cflags --libs xlsxwriter)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define SEED 20240601ULL
#define DISTINCT_STRINGS 2000
#define FIRST_DAY 16436 /* 2015-01-01 as days since 1970-01-01 */
#define DAY_SPAN 3653

static uint64_t state = SEED;

static uint64_t next(void) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* H. Hinnant's civil_from_days. */
static void civil(long days, int *year, int *month, int *day) {
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *day = (int)(doy - (153 * mp + 2) / 5 + 1);
    *month = (int)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int)(yoe + era * 400 + (*month <= 2 ? 1 : 0));
}

int main(int argc, char **argv) {
    const char *path = NULL;
    long rows = -1;
    int shared = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc) rows = atol(argv[++i]);
        else if (strcmp(argv[i], "--shared-strings") == 0) shared = 1;
        else if (!path && argv[i][0] != '-') path = argv[i];
        else { fprintf(stderr, "unknown argument %s\n", argv[i]); return 2; }
    }
    if (!path || rows < 0) {
        fprintf(stderr, "usage: write_libxlsxwriter FILE --rows N [--shared-strings]\n");
        return 2;
    }

    static const char *kinds[] = {"Output", "Outcome", "Budget line", "Risk", "KPI"};
    static const char *places[] = {"Geneva", "Bangkok", "Addis Ababa", "Bras\xc3\xadlia",
                                   "Cairo", "New Delhi", "Santiago", "Yaound\xc3\xa9"};
    static char strings[DISTINCT_STRINGS][40];
    for (int k = 0; k < DISTINCT_STRINGS; k++)
        snprintf(strings[k], sizeof strings[k], "%s %04d %s", kinds[k % 5], k, places[(k / 5) % 8]);

    lxw_workbook_options options = {.constant_memory = shared ? LXW_FALSE : LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(path, &options);
    if (!workbook) { fprintf(stderr, "cannot create %s\n", path); return 1; }
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Data");
    lxw_format *amount = workbook_add_format(workbook);
    format_set_num_format(amount, "#,##0.00");
    lxw_format *date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");

    for (lxw_row_t r = 0; r < (lxw_row_t)rows; r++) {
        for (lxw_col_t c = 0; c < 3; c++)
            worksheet_write_string(sheet, r, c, strings[next() % DISTINCT_STRINGS], NULL);
        for (lxw_col_t c = 3; c < 8; c++)
            worksheet_write_number(sheet, r, c, (double)((int64_t)(next() % 200000000) - 100000000) / 100, amount);
        worksheet_write_number(sheet, r, 8, (double)(next() % 1000000), NULL);
        lxw_datetime when = {0};
        civil(FIRST_DAY + (long)(next() % DAY_SPAN), &when.year, &when.month, &when.day);
        worksheet_write_datetime(sheet, r, 9, &when, date);
    }
    lxw_error error = workbook_close(workbook);
    if (error) { fprintf(stderr, "%s: %s\n", path, lxw_strerror(error)); return 1; }
    return 0;
}
