// FAISS indexes whose distance loops run on the shim's AVX2 kernels (avx2_kernels.hpp), through
// FAISS's own extension points: flat storage that hands out an AVX2 `DistanceComputer` (what an
// HNSW graph uses to build and search), and an inverted file of full vectors that hands out an AVX2
// `InvertedListScanner`. Both are subclasses, so `write_index` writes them exactly as the FAISS
// classes they extend, and files read back (or written before them) get them again through
// `install_avx2`.
#pragma once

#include <faiss/Index.h>
#include <faiss/IndexFlat.h>

#include <memory>

namespace likeness_faiss {

/// Flat storage of full vectors whose distance computer uses the AVX2 kernels (inner product or
/// squared L2; any other metric keeps FAISS's).
struct AVX2IndexFlat : faiss::IndexFlat {
    /// Takes over the vectors of `from` (which is left empty).
    explicit AVX2IndexFlat(faiss::IndexFlat &from);

    faiss::FlatCodesDistanceComputer *get_FlatCodesDistanceComputer() const override;

    /// Fewer queries than FAISS's BLAS threshold (an inverted file's coarse search, one query at a
    /// time) are compared with every vector by the kernels; more, or search parameters, go to FAISS.
    void search(idx_t n, const float *x, idx_t k, float *distances, idx_t *labels,
                const faiss::SearchParameters *params = nullptr) const override;
};

/// A new AVX2IndexFlat holding the vectors of `index` (left empty) when it is one of FAISS's plain
/// flat classes with inner product or L2; otherwise null.
AVX2IndexFlat *take_into_avx2(faiss::Index *index);

/// A new plain `faiss::IndexFlat` holding the vectors of `fast` (left empty).
faiss::IndexFlat *take_out_of_avx2(AVX2IndexFlat &fast);

/// Moves `index` onto the AVX2 kernels where it has a place for them (an HNSW graph over flat
/// storage it owns, an inverted file of full vectors) and the CPU runs them; anything else is left
/// as it is. Returns whether `index` now uses them. The index's answers and its file do not change.
bool install_avx2(std::unique_ptr<faiss::Index> &index);

/// Moves `index` back onto FAISS's own distance code (the state before `install_avx2`).
void remove_avx2(std::unique_ptr<faiss::Index> &index);

/// Whether `index` searches with the AVX2 kernels.
bool uses_avx2(const faiss::Index *index);

}  // namespace likeness_faiss
