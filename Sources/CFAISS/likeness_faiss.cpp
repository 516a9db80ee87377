// Float-vector indexes behind likeness_faiss.h: construction from typed parameters, training,
// adding, searching, reading back, tuning and files.
#include "likeness_faiss.h"
#include "avx2_flat.hpp"
#include "avx2_kernels.hpp"
#include "guard.hpp"

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/IndexIVFPQ.h>
#include <faiss/clone_index.h>
#include <faiss/index_io.h>

#include <limits>
#include <memory>

extern "C" void omp_set_num_threads(int);

struct lk_faiss_index {
    std::unique_ptr<faiss::Index> index;
};

namespace likeness_faiss {

std::string &last_error() {
    thread_local std::string message;
    return message;
}

namespace {

faiss::MetricType faissMetric(lk_faiss_metric metric) {
    return metric == LK_FAISS_L2 ? faiss::METRIC_L2 : faiss::METRIC_INNER_PRODUCT;
}

bool knownMetric(lk_faiss_metric metric) {
    return metric == LK_FAISS_L2 || metric == LK_FAISS_INNER_PRODUCT;
}

/// Wraps a new FAISS index in a handle, on the AVX2 kernels where it can use them.
int wrap(faiss::Index *made, lk_faiss_index **out) {
    std::unique_ptr<faiss::Index> owned(made);
    install_avx2(owned);
    *out = new lk_faiss_index{std::move(owned)};
    return LK_FAISS_OK;
}

/// A new inverted file over a flat quantiser that it owns, with a direct map for read-back.
int finishIVF(faiss::IndexIVF *ivf, int nprobe, lk_faiss_index **out) {
    std::unique_ptr<faiss::IndexIVF> owned(ivf);
    owned->own_fields = true;
    owned->nprobe = static_cast<size_t>(nprobe);
    owned->set_direct_map_type(faiss::DirectMap::Array);
    // FAISS prints a warning below 39 training points per cell; Likeness validates its own minimum
    // and never prints from a library, so the check is left to the caller.
    owned->cp.min_points_per_centroid = 1;
    return wrap(owned.release(), out);
}

}  // namespace
}  // namespace likeness_faiss

using namespace likeness_faiss;

extern "C" {

const char *lk_faiss_last_error(void) { return last_error().c_str(); }

void lk_faiss_set_threads(int threads) {
    if (threads > 0) omp_set_num_threads(threads);
}

int lk_faiss_new_flat(int dimension, lk_faiss_metric metric, lk_faiss_index **out) {
    return guarded([&] {
        if (!out || dimension <= 0 || !knownMetric(metric)) return fail(LK_FAISS_INVALID_ARGUMENT, "flat: dimension must be positive");
        return wrap(new faiss::IndexFlat(dimension, faissMetric(metric)), out);
    });
}

int lk_faiss_new_hnsw(int dimension, lk_faiss_metric metric, int m, int ef_construction, int ef_search, lk_faiss_index **out) {
    return guarded([&] {
        if (!out || dimension <= 0 || !knownMetric(metric)) return fail(LK_FAISS_INVALID_ARGUMENT, "hnsw: dimension must be positive");
        if (m < 2 || ef_construction < 1 || ef_search < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "hnsw: M must be at least 2, efConstruction and efSearch at least 1");
        auto hnsw = std::make_unique<faiss::IndexHNSWFlat>(dimension, m, faissMetric(metric));
        hnsw->hnsw.efConstruction = ef_construction;
        hnsw->hnsw.efSearch = ef_search;
        return wrap(hnsw.release(), out);
    });
}

int lk_faiss_new_ivf_flat(int dimension, lk_faiss_metric metric, int nlist, int nprobe, lk_faiss_index **out) {
    return guarded([&] {
        if (!out || dimension <= 0 || !knownMetric(metric)) return fail(LK_FAISS_INVALID_ARGUMENT, "ivf: dimension must be positive");
        if (nlist < 1 || nprobe < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "ivf: nlist and nprobe must be at least 1");
        auto quantizer = std::make_unique<faiss::IndexFlat>(dimension, faissMetric(metric));
        auto ivf = new faiss::IndexIVFFlat(quantizer.get(), dimension, nlist, faissMetric(metric));
        quantizer.release();
        return finishIVF(ivf, nprobe, out);
    });
}

int lk_faiss_new_ivf_pq(int dimension, lk_faiss_metric metric, int nlist, int nprobe, int m, int nbits, lk_faiss_index **out) {
    return guarded([&] {
        if (!out || dimension <= 0 || !knownMetric(metric)) return fail(LK_FAISS_INVALID_ARGUMENT, "ivfpq: dimension must be positive");
        if (nlist < 1 || nprobe < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "ivfpq: nlist and nprobe must be at least 1");
        if (m < 1 || dimension % m != 0) return fail(LK_FAISS_INVALID_ARGUMENT, "ivfpq: m must divide the dimension");
        if (nbits < 1 || nbits > 16) return fail(LK_FAISS_INVALID_ARGUMENT, "ivfpq: nbits must be 1 to 16");
        auto quantizer = std::make_unique<faiss::IndexFlat>(dimension, faissMetric(metric));
        auto ivf = new faiss::IndexIVFPQ(quantizer.get(), dimension, nlist, m, nbits, faissMetric(metric));
        quantizer.release();
        ivf->pq.cp.min_points_per_centroid = 1;
        return finishIVF(ivf, nprobe, out);
    });
}

int lk_faiss_read(const char *path, lk_faiss_index **out) {
    return guarded([&] {
        if (!path || !out) return fail(LK_FAISS_INVALID_ARGUMENT, "read: null path");
        return wrap(faiss::read_index(path), out);
    });
}

int lk_faiss_clone(const lk_faiss_index *index, lk_faiss_index **out) {
    return guarded([&] {
        if (!index || !out) return fail(LK_FAISS_INVALID_ARGUMENT, "clone: null index");
        return wrap(faiss::clone_index(index->index.get()), out);
    });
}

void lk_faiss_free(lk_faiss_index *index) { delete index; }

int lk_faiss_describe(const lk_faiss_index *index, int *dimension, int64_t *count, int *is_trained) {
    return guarded([&] {
        if (!index) return fail(LK_FAISS_INVALID_ARGUMENT, "describe: null index");
        if (dimension) *dimension = index->index->d;
        if (count) *count = index->index->ntotal;
        if (is_trained) *is_trained = index->index->is_trained ? 1 : 0;
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_train(lk_faiss_index *index, int64_t n, const float *vectors) {
    return guarded([&] {
        if (!index || n <= 0 || !vectors) return fail(LK_FAISS_INVALID_ARGUMENT, "train: no vectors");
        index->index->train(n, vectors);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_add(lk_faiss_index *index, int64_t n, const float *vectors) {
    return guarded([&] {
        if (!index || n < 0 || (n > 0 && !vectors)) return fail(LK_FAISS_INVALID_ARGUMENT, "add: null vectors");
        if (!index->index->is_trained) return fail(LK_FAISS_NOT_TRAINED, "add: the index is not trained");
        if (n > 0) index->index->add(n, vectors);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_search(const lk_faiss_index *index, int64_t n, const float *queries, int64_t k, float *scores, int64_t *ids) {
    return guarded([&] {
        if (!index || n < 0 || k <= 0 || (n > 0 && (!queries || !scores || !ids))) return fail(LK_FAISS_INVALID_ARGUMENT, "search: null buffers or k below 1");
        if (!index->index->is_trained) return fail(LK_FAISS_NOT_TRAINED, "search: the index is not trained");
        if (n > 0) index->index->search(n, queries, k, scores, ids);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_reconstruct(const lk_faiss_index *index, int64_t first, int64_t n, float *out) {
    return guarded([&] {
        if (!index || !out || first < 0 || n < 0 || first + n > index->index->ntotal) return fail(LK_FAISS_INVALID_ARGUMENT, "reconstruct: ids out of range");
        if (n > 0) index->index->reconstruct_n(first, n, out);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_set_ef_search(lk_faiss_index *index, int ef_search) {
    return guarded([&] {
        auto hnsw = index ? dynamic_cast<faiss::IndexHNSW *>(index->index.get()) : nullptr;
        if (!hnsw || ef_search < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "efSearch: not an HNSW index, or below 1");
        hnsw->hnsw.efSearch = ef_search;
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_set_nprobe(lk_faiss_index *index, int nprobe) {
    return guarded([&] {
        auto ivf = index ? dynamic_cast<faiss::IndexIVF *>(index->index.get()) : nullptr;
        if (!ivf || nprobe < 1) return fail(LK_FAISS_INVALID_ARGUMENT, "nprobe: not an IVF index, or below 1");
        ivf->nprobe = static_cast<size_t>(nprobe);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_write(const lk_faiss_index *index, const char *path) {
    return guarded([&] {
        if (!index || !path) return fail(LK_FAISS_INVALID_ARGUMENT, "write: null index or path");
        faiss::write_index(index->index.get(), path);
        return static_cast<int>(LK_FAISS_OK);
    });
}

int lk_faiss_avx2_available(void) { return avx2::available() ? 1 : 0; }

int lk_faiss_uses_avx2(const lk_faiss_index *index) { return index && uses_avx2(index->index.get()) ? 1 : 0; }

int lk_faiss_set_avx2(lk_faiss_index *index, int enabled) {
    return guarded([&] {
        if (!index) return fail(LK_FAISS_INVALID_ARGUMENT, "avx2: null index");
        if (enabled) {
            install_avx2(index->index);
        } else {
            remove_avx2(index->index);
        }
        return static_cast<int>(LK_FAISS_OK);
    });
}

float lk_faiss_avx2_inner_product(const float *a, const float *b, int64_t d) {
    if (!a || !b || d < 0 || !avx2::available()) return std::numeric_limits<float>::quiet_NaN();
    return avx2::inner_product(a, b, static_cast<size_t>(d));
}

float lk_faiss_avx2_l2_squared(const float *a, const float *b, int64_t d) {
    if (!a || !b || d < 0 || !avx2::available()) return std::numeric_limits<float>::quiet_NaN();
    return avx2::l2_squared(a, b, static_cast<size_t>(d));
}

}  // extern "C"
