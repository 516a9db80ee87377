// Bit-string indexes behind likeness_faiss.h: exhaustive or HNSW search by Hamming distance.
#include "likeness_faiss.h"
#include "guard.hpp"

#include <faiss/IndexBinaryFlat.h>
#include <faiss/IndexBinaryHNSW.h>

#include <memory>

struct lk_faiss_binary_index {
    std::unique_ptr<faiss::IndexBinary> index;
};

using namespace likeness_faiss;

extern "C" {

int lk_faiss_new_binary(int bits, int m, lk_faiss_binary_index **out) {
    return guarded([&] {
        if (!out || bits <= 0 || bits % 8 != 0) return fail(LK_FAISS_INVALID_ARGUMENT, "binary: bits must be a positive multiple of 8");
        if (m < 0 || m == 1) return fail(LK_FAISS_INVALID_ARGUMENT, "binary: M must be 0 (exhaustive) or at least 2");
        std::unique_ptr<faiss::IndexBinary> made;
        if (m == 0) made = std::make_unique<faiss::IndexBinaryFlat>(bits);
        else made = std::make_unique<faiss::IndexBinaryHNSW>(bits, m);
        *out = new lk_faiss_binary_index{std::move(made)};
        return static_cast<int>(LK_FAISS_OK);
    });
}

void lk_faiss_free_binary(lk_faiss_binary_index *index) { delete index; }

int lk_faiss_binary_add(lk_faiss_binary_index *index, int64_t n, const uint8_t *codes) {
    return guarded([&] {
        if (!index || n < 0 || (n > 0 && !codes)) return fail(LK_FAISS_INVALID_ARGUMENT, "binary add: null codes");
        if (n > 0) index->index->add(n, codes);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_binary_count(const lk_faiss_binary_index *index, int64_t *count) {
    return guarded([&] {
        if (!index || !count) return fail(LK_FAISS_INVALID_ARGUMENT, "binary count: null index");
        *count = index->index->ntotal;
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

}  // extern "C"
