#ifndef RBM_CLIBISAL_SHIM_H
#define RBM_CLIBISAL_SHIM_H
/* ISA-L's igzip (Debian's libisal-dev): one-shot DEFLATE at its fastest level, used by ZipIO's
   writer for entries deflated at level 1 (Sources/ZipIO/Deflater.swift). Only the compression
   header: the library's erasure-code and CRC headers are not needed. */
#include <isa-l/igzip_lib.h>

/* The level-1 working memory igzip's header defines as a macro of macros, which Swift does not import. */
static const unsigned int rbm_isal_level1_buffer_size = ISAL_DEF_LVL1_DEFAULT;
#endif
