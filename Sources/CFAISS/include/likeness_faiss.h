// A small C interface over the parts of FAISS 1.7.3 that Likeness uses (Debian's libfaiss-dev
// ships the C++ library only). Every index is an opaque handle made by one `lk_faiss_new_*` or
// `lk_faiss_read` call and released by `lk_faiss_free`. Every call that can fail returns a status
// code; on failure, `lk_faiss_last_error` gives the message on the calling thread. No C++
// exception ever crosses this header.
#ifndef LIKENESS_FAISS_H
#define LIKENESS_FAISS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a call did.
typedef enum {
    LK_FAISS_OK = 0,
    /// A null handle or pointer, a non-positive size, or parameters FAISS cannot use.
    LK_FAISS_INVALID_ARGUMENT = 1,
    /// The index must be trained before vectors are added to it.
    LK_FAISS_NOT_TRAINED = 2,
    /// FAISS refused (its own message is the last error), including file errors.
    LK_FAISS_LIBRARY_ERROR = 3,
    /// Memory ran out.
    LK_FAISS_OUT_OF_MEMORY = 4,
    /// Any other exception.
    LK_FAISS_UNKNOWN_ERROR = 5,
} lk_faiss_status;

/// How float vectors are compared: FAISS's inner product, or its squared Euclidean distance.
typedef enum {
    LK_FAISS_INNER_PRODUCT = 0,
    LK_FAISS_L2 = 1,
} lk_faiss_metric;

/// An index of float vectors.
typedef struct lk_faiss_index lk_faiss_index;
/// An index of bit strings compared by Hamming distance.
typedef struct lk_faiss_binary_index lk_faiss_binary_index;

/// The message of the last failed call on this thread ("" when none); valid until the next call.
const char *lk_faiss_last_error(void);

/// Threads FAISS's OpenMP loops may use (process-wide); 0 leaves the OpenMP default.
void lk_faiss_set_threads(int threads);

/// An exact index (every query compared with every vector).
int lk_faiss_new_flat(int dimension, lk_faiss_metric metric, lk_faiss_index **out);
/// An HNSW graph over full vectors: `m` links per node, `ef_construction` and `ef_search` beams.
int lk_faiss_new_hnsw(int dimension, lk_faiss_metric metric, int m, int ef_construction, int ef_search, lk_faiss_index **out);
/// An inverted file of full vectors over `nlist` k-means cells, `nprobe` of them visited per query.
/// Needs training; keeps a direct map so stored vectors can be read back.
int lk_faiss_new_ivf_flat(int dimension, lk_faiss_metric metric, int nlist, int nprobe, lk_faiss_index **out);
/// An inverted file of product-quantised codes: `m` sub-quantisers of `nbits` bits each (`m`
/// divides `dimension`). Needs training; keeps a direct map.
int lk_faiss_new_ivf_pq(int dimension, lk_faiss_metric metric, int nlist, int nprobe, int m, int nbits, lk_faiss_index **out);
/// Reads an index written by `lk_faiss_write`.
int lk_faiss_read(const char *path, lk_faiss_index **out);
/// A deep copy.
int lk_faiss_clone(const lk_faiss_index *index, lk_faiss_index **out);
/// Releases an index; null is ignored.
void lk_faiss_free(lk_faiss_index *index);

/// Dimension, stored count and whether the index is trained.
int lk_faiss_describe(const lk_faiss_index *index, int *dimension, int64_t *count, int *is_trained);
/// Trains on `n` row-major vectors.
int lk_faiss_train(lk_faiss_index *index, int64_t n, const float *vectors);
/// Adds `n` row-major vectors; their ids continue from the stored count.
int lk_faiss_add(lk_faiss_index *index, int64_t n, const float *vectors);
/// The `k` nearest stored vectors of each of `n` queries: `n × k` scores (inner products, or
/// squared distances) and ids, closest first; missing results have id -1.
int lk_faiss_search(const lk_faiss_index *index, int64_t n, const float *queries, int64_t k, float *scores, int64_t *ids);
/// Copies stored vectors `first ..< first + n` (for product-quantised indexes, their decoded codes).
int lk_faiss_reconstruct(const lk_faiss_index *index, int64_t first, int64_t n, float *out);
/// Sets HNSW's search beam.
int lk_faiss_set_ef_search(lk_faiss_index *index, int ef_search);
/// Sets how many IVF cells a query visits.
int lk_faiss_set_nprobe(lk_faiss_index *index, int nprobe);
/// Writes the index to a file.
int lk_faiss_write(const lk_faiss_index *index, const char *path);

/// Whether this CPU runs the shim's AVX2+FMA distance kernels (1) or not (0). When it does, HNSW
/// graphs over full vectors (and inverted files of full vectors) made, read or cloned here compute
/// their distances with them instead of Debian's generic x86-64 FAISS code: the same neighbours,
/// distances equal up to float rounding, and files written exactly as FAISS writes them.
int lk_faiss_avx2_available(void);
/// Whether `index` computes its distances with the AVX2 kernels (1) or with FAISS's own code (0).
int lk_faiss_uses_avx2(const lk_faiss_index *index);
/// Puts `index` on the AVX2 kernels (`enabled` 1; only where the CPU and the index kind allow) or
/// back on FAISS's own code (0), e.g. to compare the two on the same graph.
int lk_faiss_set_avx2(lk_faiss_index *index, int enabled);
/// The AVX2 kernels themselves, for tests: inner product and squared Euclidean distance of two
/// `d`-long vectors; NaN when the CPU lacks AVX2 or FMA.
float lk_faiss_avx2_inner_product(const float *a, const float *b, int64_t d);
float lk_faiss_avx2_l2_squared(const float *a, const float *b, int64_t d);

/// An exhaustive index of `bits`-bit codes (`bits` a multiple of 8, each code `bits / 8` bytes).
int lk_faiss_new_binary_flat(int bits, lk_faiss_binary_index **out);
/// An HNSW graph over `bits`-bit codes: `m` links per node, `ef_construction` and `ef_search` beams.
int lk_faiss_new_binary_hnsw(int bits, int m, int ef_construction, int ef_search, lk_faiss_binary_index **out);
/// An inverted file of `bits`-bit codes over `nlist` cells (k-means in Hamming space), `nprobe`
/// of them visited per query. Needs training.
int lk_faiss_new_binary_ivf(int bits, int nlist, int nprobe, lk_faiss_binary_index **out);
/// Releases a binary index; null is ignored.
void lk_faiss_free_binary(lk_faiss_binary_index *index);
/// Code length in bits, stored count and whether the index is trained (any pointer may be null).
int lk_faiss_binary_describe(const lk_faiss_binary_index *index, int *bits, int64_t *count, int *is_trained);
/// Trains on `n` codes (the inverted file's cells).
int lk_faiss_binary_train(lk_faiss_binary_index *index, int64_t n, const uint8_t *codes);
/// Adds `n` codes of `bits / 8` bytes each; their ids continue from the stored count.
int lk_faiss_binary_add(lk_faiss_binary_index *index, int64_t n, const uint8_t *codes);
/// The `k` nearest stored codes by Hamming distance for each of `n` queries: `n × k` distances and
/// ids, closest first; missing results have id -1.
int lk_faiss_binary_search(const lk_faiss_binary_index *index, int64_t n, const uint8_t *queries, int64_t k, int32_t *distances, int64_t *ids);
/// Sets a binary HNSW graph's search beam.
int lk_faiss_binary_set_ef_search(lk_faiss_binary_index *index, int ef_search);
/// Sets how many cells of a binary inverted file a query visits.
int lk_faiss_binary_set_nprobe(lk_faiss_binary_index *index, int nprobe);

#ifdef __cplusplus
}
#endif

#endif
