// Thin wrappers over the OpenBLAS and LAPACK calls Likeness uses (Debian's libopenblas-dev,
// pthread build, which carries LAPACK too). Only LikenessNumerics imports this module.
#ifndef LIKENESS_COPENBLAS_SHIM_H
#define LIKENESS_COPENBLAS_SHIM_H

#include <stddef.h>
#include <cblas.h>

/// C (m × n) = A (m × k, row-major) · Bᵀ where B is n × k row-major: every row of A against every row of B.
static inline void lk_sgemm_abt(int m, int n, int k, const float *a, const float *b, float *c) {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, k, b, k, 0.0f, c, n);
}

/// C (m × n) = alpha · op(A) · op(B) + beta · C, all row-major; op transposes when the flag is non-zero.
/// lda, ldb are the row lengths of A and B as stored.
static inline void lk_sgemm(int transA, int transB, int m, int n, int k, float alpha,
                            const float *a, int lda, const float *b, int ldb, float beta, float *c) {
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, n);
}

/// Threads OpenBLAS may use for one call.
static inline void lk_blas_set_threads(int threads) { openblas_set_num_threads(threads); }

// LAPACK's Fortran symbol (no LAPACKE header in Debian's openblas-dev); the trailing size_t
// arguments are the hidden lengths of the character arguments.
extern void dsyevr_(const char *jobz, const char *range, const char *uplo, const int *n, double *a,
                    const int *lda, const double *vl, const double *vu, const int *il, const int *iu,
                    const double *abstol, int *m, double *w, double *z, const int *ldz, int *isuppz,
                    double *work, const int *lwork, int *iwork, const int *liwork, int *info,
                    size_t jobzLength, size_t rangeLength, size_t uploLength);

/// Eigenvalues il..iu (1-based, ascending) and their eigenvectors of the symmetric n × n matrix
/// `a` (column-major; row-major gives the same for a symmetric matrix; overwritten). Writes the
/// values in ascending order to `w` and the vectors as columns of `z` (column-major, n × count).
/// Returns LAPACK's info (0 on success) and the number found in `found`.
static inline int lk_dsyevr(int n, double *a, int il, int iu, double *w, double *z, int *isuppz,
                            double *work, int lwork, int *iwork, int liwork, int *found) {
    int info = 0;
    const double zero = 0, abstol = 0;
    dsyevr_("V", "I", "U", &n, a, &n, &zero, &zero, &il, &iu, &abstol, found, w, z, &n, isuppz,
            work, &lwork, iwork, &liwork, &info, 1, 1, 1);
    return info;
}

#endif
