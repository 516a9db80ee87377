// An inverted file of full vectors whose list scans use the AVX2 kernels (see avx2_flat.hpp for the
// switch that installs it).
#pragma once

#include <faiss/IndexIVFFlat.h>

#include <memory>

namespace likeness_faiss {

/// `faiss::IndexIVFFlat` with an AVX2 list scanner (inner product or squared L2; with an id
/// selector, or any other metric, FAISS's own scanner). Written to files as an `IndexIVFFlat`.
struct AVX2IndexIVFFlat : faiss::IndexIVFFlat {
    /// Takes over the quantizer, lists and direct map of `from` (which then owns none of them).
    explicit AVX2IndexIVFFlat(faiss::IndexIVFFlat &from);

    faiss::InvertedListScanner *get_InvertedListScanner(bool store_pairs, const faiss::IDSelector *sel) const override;
};

/// Replaces a plain `IndexIVFFlat` by an `AVX2IndexIVFFlat` holding the same lists; returns
/// whether `index` is one now. The caller has checked that the CPU runs the kernels.
bool install_avx2_ivf(std::unique_ptr<faiss::Index> &index);

/// Replaces an `AVX2IndexIVFFlat` by a plain `IndexIVFFlat` holding the same lists.
void remove_avx2_ivf(std::unique_ptr<faiss::Index> &index);

}  // namespace likeness_faiss
