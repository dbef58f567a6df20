#ifndef RBM_CLIBZIP_SHIM_H
#define RBM_CLIBZIP_SHIM_H
#include <zip.h>
#include <errno.h>
#include <fcntl.h>

/* glibc defines O_TMPFILE only under _GNU_SOURCE, which the module's headers are not built with;
   Linux's value on the architectures rbm builds for (asm-generic/fcntl.h). */
#if defined(__linux__) && !defined(O_TMPFILE) && (defined(__x86_64__) || defined(__aarch64__) || defined(__i386__) || defined(__arm__) || defined(__riscv))
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif

/* A file with no name in `folder`, open for reading and writing (Linux's O_TMPFILE, which Swift
   cannot import: it is a macro of macros whose values differ by architecture). -1 with errno set
   where the system or the file system has no such files (EOPNOTSUPP, EISDIR, EINVAL): the caller
   then makes a named one and unlinks it. Used by ZipIO's spool files, so that a process killed at
   any instant never leaves one behind. */
static inline int rbm_open_nameless_file(const char *folder) {
#ifdef O_TMPFILE
    return open(folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#else
    errno = EOPNOTSUPP;
    return -1;
#endif
}
#endif
