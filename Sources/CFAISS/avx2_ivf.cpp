// An inverted file of full vectors whose list scans run on the AVX2 kernels: FAISS's IVF search
// asks the index for an `InvertedListScanner` per thread, and this index hands out one that
// computes distances with avx2::inner_product or avx2::l2_squared and keeps FAISS's result heap.
// Its coarse quantizer becomes an AVX2IndexFlat too (single-query centroid search on the kernels).
#include "avx2_ivf.hpp"
#include "avx2_flat.hpp"
#include "avx2_kernels.hpp"

#include <faiss/impl/AuxIndexStructures.h>
#include <faiss/invlists/DirectMap.h>
#include <faiss/utils/Heap.h>

#include <typeinfo>

namespace likeness_faiss {

namespace {

/// Scans the vectors of one inverted list against the current query. `Metric` is the kernel;
/// `KeepMax` is true for inner products (larger is closer), whose heap keeps the largest `k`.
template <float (*Metric)(const float *, const float *, size_t), bool KeepMax>
struct AVX2ListScanner final : faiss::InvertedListScanner {
    size_t d;
    const float *query = nullptr;

    AVX2ListScanner(size_t d, bool store_pairs) : faiss::InvertedListScanner(store_pairs, nullptr), d(d) {
        keep_max = KeepMax;
        code_size = d * sizeof(float);
    }

    void set_query(const float *x) override { query = x; }

    void set_list(idx_t list, float) override { list_no = list; }

    float distance_to_code(const uint8_t *code) const override {
        return Metric(query, reinterpret_cast<const float *>(code), d);
    }

    /// The id FAISS reports for entry `j` of the current list.
    idx_t id_of(const idx_t *ids, size_t j) const {
        return store_pairs ? static_cast<idx_t>(faiss::lo_build(list_no, j)) : ids[j];
    }

    size_t scan_codes(size_t n, const uint8_t *codes, const idx_t *ids, float *distances, idx_t *labels, size_t k) const override {
        const float *vector = reinterpret_cast<const float *>(codes);
        size_t updates = 0;
        for (size_t j = 0; j < n; j++, vector += d) {
            const float distance = Metric(query, vector, d);
            if (KeepMax ? distance > distances[0] : distance < distances[0]) {
                if (KeepMax) {
                    faiss::minheap_replace_top(k, distances, labels, distance, id_of(ids, j));
                } else {
                    faiss::maxheap_replace_top(k, distances, labels, distance, id_of(ids, j));
                }
                updates++;
            }
        }
        return updates;
    }

    void scan_codes_range(size_t n, const uint8_t *codes, const idx_t *ids, float radius, faiss::RangeQueryResult &result) const override {
        const float *vector = reinterpret_cast<const float *>(codes);
        for (size_t j = 0; j < n; j++, vector += d) {
            const float distance = Metric(query, vector, d);
            if (KeepMax ? distance > radius : distance < radius) result.add(distance, id_of(ids, j));
        }
    }
};

/// Gives `to` the quantizer, lists and direct map `from` owned, so deleting `from` frees none of them.
void hand_over(faiss::IndexIVFFlat &from, faiss::IndexIVFFlat &to) {
    std::swap(to.direct_map, from.direct_map);
    from.own_fields = false;
    from.own_invlists = false;
}

}  // namespace

AVX2IndexIVFFlat::AVX2IndexIVFFlat(faiss::IndexIVFFlat &from) : faiss::IndexIVFFlat(from) { hand_over(from, *this); }

faiss::InvertedListScanner *AVX2IndexIVFFlat::get_InvertedListScanner(bool store_pairs, const faiss::IDSelector *sel) const {
    const size_t dimension = static_cast<size_t>(d);
    if (!sel && metric_type == faiss::METRIC_INNER_PRODUCT) return new AVX2ListScanner<avx2::inner_product, true>(dimension, store_pairs);
    if (!sel && metric_type == faiss::METRIC_L2) return new AVX2ListScanner<avx2::l2_squared, false>(dimension, store_pairs);
    return faiss::IndexIVFFlat::get_InvertedListScanner(store_pairs, sel);
}

bool install_avx2_ivf(std::unique_ptr<faiss::Index> &index) {
    if (!index) return false;
    if (dynamic_cast<AVX2IndexIVFFlat *>(index.get())) return true;
    const faiss::Index &object = *index;
    if (typeid(object) != typeid(faiss::IndexIVFFlat)) return false;
    auto ivf = static_cast<faiss::IndexIVFFlat *>(index.get());
    if (ivf->metric_type != faiss::METRIC_INNER_PRODUCT && ivf->metric_type != faiss::METRIC_L2) return false;
    index.reset(new AVX2IndexIVFFlat(*ivf));
    // The coarse quantizer too: one query at a time, its search over the centroids is a large
    // share of the work.
    auto fast = static_cast<AVX2IndexIVFFlat *>(index.get());
    if (fast->own_fields) {
        if (auto quantizer = take_into_avx2(fast->quantizer)) {
            delete fast->quantizer;
            fast->quantizer = quantizer;
        }
    }
    return true;
}

void remove_avx2_ivf(std::unique_ptr<faiss::Index> &index) {
    auto fast = dynamic_cast<AVX2IndexIVFFlat *>(index.get());
    if (!fast) return;
    if (auto quantizer = dynamic_cast<AVX2IndexFlat *>(fast->quantizer)) {
        fast->quantizer = take_out_of_avx2(*quantizer);
        delete quantizer;
    }
    auto plain = new faiss::IndexIVFFlat(static_cast<const faiss::IndexIVFFlat &>(*fast));
    hand_over(*fast, *plain);
    index.reset(plain);
}

}  // namespace likeness_faiss
