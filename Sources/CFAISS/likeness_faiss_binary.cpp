// Bit-string indexes behind likeness_faiss.h: exhaustive, HNSW or inverted-file search by Hamming
// distance over packed codes.
#include "likeness_faiss.h"
#include "guard.hpp"

#include <faiss/IndexBinaryFlat.h>
#include <faiss/IndexBinaryHNSW.h>
#include <faiss/IndexBinaryIVF.h>

#include <memory>

struct lk_faiss_binary_index {
    std::unique_ptr<faiss::IndexBinary> index;
};

using namespace likeness_faiss;

namespace {

/// Whether `bits` is a code length FAISS's binary indexes take: a positive multiple of 8.
bool validBits(int bits) { return bits > 0 && bits % 8 == 0; }

int wrapBinary(faiss::IndexBinary *made, lk_faiss_binary_index **out) {
    std::unique_ptr<faiss::IndexBinary> owned(made);
    *out = new lk_faiss_binary_index{std::move(owned)};
    return static_cast<int>(LK_FAISS_OK);
}

}  // namespace

extern "C" {

int lk_faiss_new_binary_flat(int bits, lk_faiss_binary_index **out) {
    return guarded([&] {
        if (!out || !validBits(bits)) return fail(LK_FAISS_INVALID_ARGUMENT, "binary flat: bits must be a positive multiple of 8");
        return wrapBinary(new faiss::IndexBinaryFlat(bits), out);
    });
}

int lk_faiss_new_binary_hnsw(int bits, int m, int ef_construction, int ef_search, lk_faiss_binary_index **out) {
    return guarded([&] {
        if (!out || !validBits(bits)) return fail(LK_FAISS_INVALID_ARGUMENT, "binary hnsw: bits must be a positive multiple of 8");
        if (m < 2 || ef_construction < 1 || ef_search < 1) {
            return fail(LK_FAISS_INVALID_ARGUMENT, "binary hnsw: m must be at least 2, efConstruction and ef at least 1");
        }
        auto made = std::make_unique<faiss::IndexBinaryHNSW>(bits, m);
        made->hnsw.efConstruction = ef_construction;
        made->hnsw.efSearch = ef_search;
        return wrapBinary(made.release(), out);
    });
}

int lk_faiss_new_binary_ivf(int bits, int nlist, int nprobe, lk_faiss_binary_index **out) {
    return guarded([&] {
        if (!out || !validBits(bits)) return fail(LK_FAISS_INVALID_ARGUMENT, "binary ivf: bits must be a positive multiple of 8");
        if (nlist < 1 || nprobe < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "binary ivf: nlist and nprobe must be at least 1");
        auto quantizer = std::make_unique<faiss::IndexBinaryFlat>(bits);
        auto made = std::make_unique<faiss::IndexBinaryIVF>(quantizer.get(), bits, static_cast<size_t>(nlist));
        quantizer.release();
        made->own_fields = true;
        made->nprobe = static_cast<size_t>(nprobe);
        // As for float IVF: Likeness checks its own minimum; a library never prints.
        made->cp.min_points_per_centroid = 1;
        return wrapBinary(made.release(), out);
    });
}

void lk_faiss_free_binary(lk_faiss_binary_index *index) { delete index; }

int lk_faiss_binary_describe(const lk_faiss_binary_index *index, int *bits, int64_t *count, int *is_trained) {
    return guarded([&] {
        if (!index) return fail(LK_FAISS_INVALID_ARGUMENT, "binary describe: null index");
        if (bits) *bits = index->index->d;
        if (count) *count = index->index->ntotal;
        if (is_trained) *is_trained = index->index->is_trained ? 1 : 0;
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_binary_train(lk_faiss_binary_index *index, int64_t n, const uint8_t *codes) {
    return guarded([&] {
        if (!index || n <= 0 || !codes) return fail(LK_FAISS_INVALID_ARGUMENT, "binary train: null codes or no codes");
        index->index->train(n, codes);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_binary_add(lk_faiss_binary_index *index, int64_t n, const uint8_t *codes) {
    return guarded([&] {
        if (!index || n < 0 || (n > 0 && !codes)) return fail(LK_FAISS_INVALID_ARGUMENT, "binary add: null codes");
        if (n > 0) index->index->add(n, codes);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_binary_search(const lk_faiss_binary_index *index, int64_t n, const uint8_t *queries, int64_t k, int32_t *distances, int64_t *ids) {
    return guarded([&] {
        if (!index || n < 0 || k <= 0 || (n > 0 && (!queries || !distances || !ids))) return fail(LK_FAISS_INVALID_ARGUMENT, "binary search: null buffers or k below 1");
        if (n > 0) index->index->search(n, queries, k, distances, ids);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_binary_set_ef_search(lk_faiss_binary_index *index, int ef_search) {
    return guarded([&] {
        auto *hnsw = index ? dynamic_cast<faiss::IndexBinaryHNSW *>(index->index.get()) : nullptr;
        if (!hnsw || ef_search < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "binary efSearch: not a binary HNSW index, or ef below 1");
        hnsw->hnsw.efSearch = ef_search;
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_binary_set_nprobe(lk_faiss_binary_index *index, int nprobe) {
    return guarded([&] {
        auto *ivf = index ? dynamic_cast<faiss::IndexBinaryIVF *>(index->index.get()) : nullptr;
        if (!ivf || nprobe < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "binary nprobe: not a binary IVF index, or nprobe below 1");
        ivf->nprobe = static_cast<size_t>(nprobe);
        return static_cast<int>(LK_FAISS_OK);
    });
}

}  // extern "C"
