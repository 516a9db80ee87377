// FAISS's HNSW header includes <omp.h>. Swift's clang ships no OpenMP header, so this forwards to
// the one of the libgomp that Debian's libfaiss-dev was built with (package libgcc-12-dev).
#pragma once
#if __has_include_next(<omp.h>)
#include_next <omp.h>
#else
#include "/usr/lib/gcc/x86_64-linux-gnu/12/include/omp.h"
#endif
