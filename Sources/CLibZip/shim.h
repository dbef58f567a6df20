#ifndef RBM_CLIBZIP_SHIM_H
#define RBM_CLIBZIP_SHIM_H
#include <zip.h>
#endif
