#ifndef RBM_CLIBXML2_SHIM_H
#define RBM_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull <unicode/ucnv.h>, which clashes
   with Foundation's own ICU module on Linux. Undefine the macro before the other headers. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#endif
