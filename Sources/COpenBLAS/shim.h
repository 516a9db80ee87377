// Thin wrappers over the OpenBLAS calls Likeness uses (Debian's libopenblas-dev, pthread build).
#ifndef LIKENESS_COPENBLAS_SHIM_H
#define LIKENESS_COPENBLAS_SHIM_H

#include <cblas.h>

/// C (m × n) = A (m × k, row-major) · Bᵀ where B is n × k row-major: every row of A against every row of B.
static inline void lk_sgemm_abt(int m, int n, int k, const float *a, const float *b, float *c) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, k, b, k, 0.0f, c, n);
}

/// Threads OpenBLAS may use for one call.
static inline void lk_blas_set_threads(int threads) { openblas_set_num_threads(threads); }

#endif
