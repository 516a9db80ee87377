// Flat storage on the AVX2 kernels, and the switch that puts an index (HNSW storage, or an inverted
// file of full vectors) on them or back.
#include "avx2_flat.hpp"
#include "avx2_ivf.hpp"
#include "avx2_kernels.hpp"

#include <faiss/IndexHNSW.h>
#include <faiss/utils/Heap.h>
#include <faiss/utils/distances.h>

#include <typeinfo>

namespace likeness_faiss {

namespace {

/// Distances from one query to stored vectors, and between stored vectors (graph building), by
/// the AVX2 kernel of the metric. `Metric` is `avx2::inner_product` or `avx2::l2_squared`.
template <float (*Metric)(const float *, const float *, size_t)>
struct AVX2FlatDistance final : faiss::FlatCodesDistanceComputer {
    const float *base;
    size_t d;
    const float *query = nullptr;

    explicit AVX2FlatDistance(const faiss::IndexFlat &storage)
        : faiss::FlatCodesDistanceComputer(storage.codes.data(), storage.code_size),
          base(storage.get_xb()), d(static_cast<size_t>(storage.d)) {}

    void set_query(const float *x) override { query = x; }

    float distance_to_code(const uint8_t *code) override {
        return Metric(query, reinterpret_cast<const float *>(code), d);
    }

    float symmetric_dis(idx_t i, idx_t j) override { return Metric(base + i * d, base + j * d, d); }
};

/// Whether `flat` is one of FAISS's plain flat classes (not a subclass with behaviour of its own).
bool plain_flat(const faiss::Index *index) {
    if (!index) return false;
    const std::type_info &type = typeid(*index);
    return type == typeid(faiss::IndexFlat) || type == typeid(faiss::IndexFlatIP) || type == typeid(faiss::IndexFlatL2);
}

bool kernel_metric(faiss::MetricType metric) {
    return metric == faiss::METRIC_INNER_PRODUCT || metric == faiss::METRIC_L2;
}

/// Gives `to` the vectors and state of `from`, leaving `from` empty.
void move_vectors(faiss::IndexFlat &from, faiss::IndexFlat &to) {
    to.codes.swap(from.codes);
    to.ntotal = from.ntotal;
    to.is_trained = from.is_trained;
    to.verbose = from.verbose;
    to.metric_arg = from.metric_arg;
    from.ntotal = 0;
}

}  // namespace

AVX2IndexFlat::AVX2IndexFlat(faiss::IndexFlat &from) : faiss::IndexFlat(from.d, from.metric_type) {
    move_vectors(from, *this);
}

faiss::FlatCodesDistanceComputer *AVX2IndexFlat::get_FlatCodesDistanceComputer() const {
    if (metric_type == faiss::METRIC_INNER_PRODUCT) return new AVX2FlatDistance<avx2::inner_product>(*this);
    if (metric_type == faiss::METRIC_L2) return new AVX2FlatDistance<avx2::l2_squared>(*this);
    return faiss::IndexFlat::get_FlatCodesDistanceComputer();
}

void AVX2IndexFlat::search(idx_t n, const float *x, idx_t k, float *distances, idx_t *labels,
                           const faiss::SearchParameters *params) const {
    if (params || n >= faiss::distance_compute_blas_threshold || !kernel_metric(metric_type) || k <= 0) {
        faiss::IndexFlat::search(n, x, k, distances, labels, params);
        return;
    }
    const float *base = get_xb();
    const size_t dimension = static_cast<size_t>(d), kept = static_cast<size_t>(k);
    for (idx_t q = 0; q < n; q++) {
        const float *query = x + q * dimension;
        float *heap = distances + q * k;
        idx_t *ids = labels + q * k;
        if (metric_type == faiss::METRIC_INNER_PRODUCT) {
            faiss::minheap_heapify(kept, heap, ids);
            for (idx_t j = 0; j < ntotal; j++) {
                const float score = avx2::inner_product(query, base + j * dimension, dimension);
                if (score > heap[0]) faiss::minheap_replace_top(kept, heap, ids, score, j);
            }
            faiss::minheap_reorder(kept, heap, ids);
        } else {
            faiss::maxheap_heapify(kept, heap, ids);
            for (idx_t j = 0; j < ntotal; j++) {
                const float distance = avx2::l2_squared(query, base + j * dimension, dimension);
                if (distance < heap[0]) faiss::maxheap_replace_top(kept, heap, ids, distance, j);
            }
            faiss::maxheap_reorder(kept, heap, ids);
        }
    }
}

AVX2IndexFlat *take_into_avx2(faiss::Index *index) {
    if (!plain_flat(index) || !kernel_metric(index->metric_type)) return nullptr;
    return new AVX2IndexFlat(*static_cast<faiss::IndexFlat *>(index));
}

faiss::IndexFlat *take_out_of_avx2(AVX2IndexFlat &fast) {
    auto flat = new faiss::IndexFlat(fast.d, fast.metric_type);
    move_vectors(fast, *flat);
    return flat;
}

bool install_avx2(std::unique_ptr<faiss::Index> &index) {
    if (!index || !avx2::available()) return false;
    if (auto hnsw = dynamic_cast<faiss::IndexHNSW *>(index.get())) {
        if (dynamic_cast<AVX2IndexFlat *>(hnsw->storage)) return true;
        if (!hnsw->own_fields) return false;
        auto fast = take_into_avx2(hnsw->storage);
        if (!fast) return false;
        delete hnsw->storage;
        hnsw->storage = fast;
        return true;
    }
    return install_avx2_ivf(index);
}

void remove_avx2(std::unique_ptr<faiss::Index> &index) {
    if (auto hnsw = dynamic_cast<faiss::IndexHNSW *>(index.get())) {
        auto fast = dynamic_cast<AVX2IndexFlat *>(hnsw->storage);
        if (!fast) return;
        hnsw->storage = take_out_of_avx2(*fast);
        delete fast;
        return;
    }
    remove_avx2_ivf(index);
}

bool uses_avx2(const faiss::Index *index) {
    if (auto hnsw = dynamic_cast<const faiss::IndexHNSW *>(index)) {
        return dynamic_cast<const AVX2IndexFlat *>(hnsw->storage) != nullptr;
    }
    return dynamic_cast<const AVX2IndexIVFFlat *>(index) != nullptr;
}

}  // namespace likeness_faiss
