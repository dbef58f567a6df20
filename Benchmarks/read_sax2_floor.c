/*
 * The floor for reading: libzip + libxml2's SAX2 push parser, decoding every cell and nothing more.
 *
 *     read_sax2_floor FILE
 *
 * The same route rbm's reader takes (inflate 64 KiB chunks, push them through SAX2), with the least
 * work a faithful reader can do per cell: shared strings held and looked up, number text converted
 * with strtod, dates told apart by their cell format (built-in ids 14-22, 27-36, 45-47, 50-58 and
 * custom codes with d, m, y, h or s outside quotes and brackets). No cell positions, no error
 * messages, no limits. Prints `xl/worksheets/sheetN.xml: n=… s=… b=… d=… e=… sum=…` per worksheet
 * part (named by part, not by sheet: the workbook part is not read).
 *
 * Build: cc -O2 -o read_sax2_floor read_sax2_floor.c $(pkg-config --cflags --libs libxml-2.0 libzip)
 */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define CHUNK (64 << 10)

typedef struct {
    /* shared strings */
    char **strings;
    size_t count, capacity;
    int in_si, in_t, in_rph;
    char *text;
    size_t text_len, text_cap;
    /* styles */
    int custom_date[1024]; /* numFmtId (< 1024) → is a date code */
    unsigned char *xf_date;
    size_t xf_count, xf_cap;
    int in_cell_xfs;
    /* sheet */
    int in_v, in_is, cell_type, cell_style;
    long n, s, b, d, e;
    double sum;
    int failed;
} State;

static void append_text(State *st, const xmlChar *ch, int len) {
    if (st->text_len + len + 1 > st->text_cap) {
        st->text_cap = (st->text_len + len + 1) * 2;
        st->text = realloc(st->text, st->text_cap);
    }
    memcpy(st->text + st->text_len, ch, len);
    st->text_len += len;
    st->text[st->text_len] = 0;
}

static const xmlChar *attribute(int count, const xmlChar **attrs, const char *name, int *len) {
    for (int i = 0; i < count; i++) {
        const xmlChar **a = attrs + i * 5; /* localname, prefix, URI, value, end */
        if (strcmp((const char *)a[0], name) == 0) { *len = (int)(a[4] - a[3]); return a[3]; }
    }
    return NULL;
}

static int is_date_code(const char *code) {
    int quoted = 0, bracket = 0;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (quoted) { if (c == '"') quoted = 0; continue; }
        if (bracket) { if (c == ']') bracket = 0; continue; }
        if (c == '"') quoted = 1;
        else if (c == '[') bracket = 1;
        else if (c == '\\' || c == '_' || c == '*') { if (p[1]) p++; }
        else if (strchr("dDmMyYhHsS", c)) return 1;
    }
    return 0;
}

static int builtin_date(int id) {
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/* --- sharedStrings.xml --- */
static void sst_start(void *ctx, const xmlChar *name, const xmlChar *p, const xmlChar *u, int nn,
                      const xmlChar **ns, int na, int nd, const xmlChar **attrs) {
    State *st = ctx;
    if (strcmp((const char *)name, "si") == 0) { st->in_si = 1; st->text_len = 0; if (st->text) st->text[0] = 0; }
    else if (strcmp((const char *)name, "t") == 0) st->in_t = 1;
    else if (strcmp((const char *)name, "rPh") == 0) st->in_rph = 1;
}
static void sst_end(void *ctx, const xmlChar *name, const xmlChar *p, const xmlChar *u) {
    State *st = ctx;
    if (strcmp((const char *)name, "t") == 0) st->in_t = 0;
    else if (strcmp((const char *)name, "rPh") == 0) st->in_rph = 0;
    else if (strcmp((const char *)name, "si") == 0) {
        if (st->count == st->capacity) {
            st->capacity = st->capacity ? st->capacity * 2 : 1024;
            st->strings = realloc(st->strings, st->capacity * sizeof *st->strings);
        }
        st->strings[st->count++] = strndup(st->text ? st->text : "", st->text_len);
        st->in_si = 0;
    }
}
static void sst_chars(void *ctx, const xmlChar *ch, int len) {
    State *st = ctx;
    if (st->in_si && st->in_t && !st->in_rph) append_text(st, ch, len);
}

/* --- styles.xml --- */
static void styles_start(void *ctx, const xmlChar *name, const xmlChar *p, const xmlChar *u, int nn,
                         const xmlChar **ns, int na, int nd, const xmlChar **attrs) {
    State *st = ctx;
    int len;
    const xmlChar *v;
    if (strcmp((const char *)name, "numFmt") == 0) {
        const xmlChar *id = attribute(na, attrs, "numFmtId", &len);
        int fid = id ? atoi((const char *)id) : -1;
        v = attribute(na, attrs, "formatCode", &len);
        if (v && fid >= 0 && fid < 1024) {
            char *code = strndup((const char *)v, len);
            st->custom_date[fid] = is_date_code(code);
            free(code);
        }
    } else if (strcmp((const char *)name, "cellXfs") == 0) st->in_cell_xfs = 1;
    else if (st->in_cell_xfs && strcmp((const char *)name, "xf") == 0) {
        v = attribute(na, attrs, "numFmtId", &len);
        int id = v ? atoi((const char *)v) : 0;
        if (st->xf_count == st->xf_cap) {
            st->xf_cap = st->xf_cap ? st->xf_cap * 2 : 64;
            st->xf_date = realloc(st->xf_date, st->xf_cap);
        }
        st->xf_date[st->xf_count++] = builtin_date(id) || (id >= 164 && id < 1024 && st->custom_date[id]);
    }
}
static void styles_end(void *ctx, const xmlChar *name, const xmlChar *p, const xmlChar *u) {
    State *st = ctx;
    if (strcmp((const char *)name, "cellXfs") == 0) st->in_cell_xfs = 0;
}

/* --- worksheets --- */
enum { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D };

static void sheet_start(void *ctx, const xmlChar *name, const xmlChar *p, const xmlChar *u, int nn,
                        const xmlChar **ns, int na, int nd, const xmlChar **attrs) {
    State *st = ctx;
    const char *n = (const char *)name;
    if (n[0] == 'c' && n[1] == 0) {
        int len;
        const xmlChar *t = attribute(na, attrs, "t", &len);
        st->cell_type = T_N;
        if (t) {
            if (len == 1 && t[0] == 's') st->cell_type = T_S;
            else if (len == 3 && memcmp(t, "str", 3) == 0) st->cell_type = T_STR;
            else if (len == 9 && memcmp(t, "inlineStr", 9) == 0) st->cell_type = T_INLINE;
            else if (len == 1 && t[0] == 'b') st->cell_type = T_B;
            else if (len == 1 && t[0] == 'e') st->cell_type = T_E;
            else if (len == 1 && t[0] == 'd') st->cell_type = T_D;
        }
        const xmlChar *s = attribute(na, attrs, "s", &len);
        st->cell_style = s ? atoi((const char *)s) : 0;
        st->text_len = 0;
        st->in_is = 0;
    } else if (n[0] == 'v' && n[1] == 0) {
        st->in_v = 1;
    } else if (n[0] == 'i' && n[1] == 's' && n[2] == 0) {
        st->in_is = 1;
    }
}
static void sheet_end(void *ctx, const xmlChar *name, const xmlChar *p, const xmlChar *u) {
    State *st = ctx;
    const char *n = (const char *)name;
    if (n[0] == 'v' && n[1] == 0) {
        st->in_v = 0;
    } else if (n[0] == 'c' && n[1] == 0) {
        if (st->text_len == 0 && !st->in_is) return; /* empty styled cell */
        switch (st->cell_type) {
        case T_S: {
            unsigned long i = strtoul(st->text, NULL, 10);
            if (i >= st->count) st->failed = 1;
            else st->s++;
            break;
        }
        case T_STR: case T_INLINE: st->s++; break;
        case T_B: st->b++; break;
        case T_E: st->e++; break;
        case T_D: st->d++; break;
        default: {
            double v = strtod(st->text, NULL);
            if (st->cell_style > 0 && (size_t)st->cell_style < st->xf_count && st->xf_date[st->cell_style]) st->d++;
            else { st->n++; st->sum += v; }
        }
        }
    }
}
static void sheet_chars(void *ctx, const xmlChar *ch, int len) {
    State *st = ctx;
    if (st->in_v) append_text(st, ch, len);
}

static int parse(zip_t *archive, const char *part, xmlSAXHandler *sax, State *st) {
    zip_file_t *file = zip_fopen(archive, part, 0);
    if (!file) return 0;
    static char buffer[CHUNK];
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(sax, st, NULL, 0, part);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    zip_int64_t got;
    int ok = 1;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0)
        if (xmlParseChunk(ctxt, buffer, (int)got, 0) != 0) { ok = 0; break; }
    if (got < 0) ok = 0;
    if (ok && xmlParseChunk(ctxt, NULL, 0, 1) != 0) ok = 0;
    xmlFreeParserCtxt(ctxt);
    zip_fclose(file);
    if (!ok) { fprintf(stderr, "%s: cannot parse\n", part); exit(1); }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: read_sax2_floor FILE\n"); return 2; }
    int error = 0;
    zip_t *archive = zip_open(argv[1], ZIP_RDONLY | ZIP_CHECKCONS, &error);
    if (!archive) { fprintf(stderr, "%s: not a readable zip (%d)\n", argv[1], error); return 1; }
    static State st;
    xmlSAXHandler sax;

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sst_start;
    sax.endElementNs = sst_end;
    sax.characters = sst_chars;
    parse(archive, "xl/sharedStrings.xml", &sax, &st);

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = styles_start;
    sax.endElementNs = styles_end;
    parse(archive, "xl/styles.xml", &sax, &st);

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = sheet_start;
    sax.endElementNs = sheet_end;
    sax.characters = sheet_chars;
    for (int number = 1;; number++) {
        char part[64];
        snprintf(part, sizeof part, "xl/worksheets/sheet%d.xml", number);
        st.n = st.s = st.b = st.d = st.e = 0;
        st.sum = 0;
        if (!parse(archive, part, &sax, &st)) break;
        if (st.failed) { fprintf(stderr, "%s: shared string index out of range\n", part); return 1; }
        printf("%s: n=%ld s=%ld b=%ld d=%ld e=%ld sum=%.17g\n", part, st.n, st.s, st.b, st.d, st.e, st.sum);
    }
    zip_close(archive);
    return 0;
}
