#ifndef RBM_CLIBDEFLATE_SHIM_H
#define RBM_CLIBDEFLATE_SHIM_H
/* libdeflate (Debian's libdeflate-dev): one-shot DEFLATE and CRC-32, used by ZipIO's writer to
   deflate the entries it holds in memory before libzip writes them (Sources/ZipIO/DeflatedEntry.swift). */
#include <libdeflate.h>
#endif
