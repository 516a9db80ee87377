internal import CFAISS

/// One FAISS float-vector index, owned: the handle is freed when this object goes.
///
/// Thin: every method is one call of the C shim with its status turned into an ``ANNError``.
/// Searching and reading back are safe from several threads at once; changing the index
/// (add, train, tuning) is not, so ``ApproximateVectorIndex`` copies before it changes a shared one.
final class FaissIndex: @unchecked Sendable {
    /// What FAISS compares: inner products (cosine, dot) or squared Euclidean distances.
    enum Metric: Sendable { case innerProduct, l2 }

    private let handle: OpaquePointer
    let dimension: Int

    private init(handle: OpaquePointer) {
        self.handle = handle
        var d: Int32 = 0
        _ = lk_faiss_describe(handle, &d, nil, nil)
        dimension = Int(d)
    }

    deinit { lk_faiss_free(handle) }

    /// Runs one shim call that makes a handle.
    private static func make(_ context: String, _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws(ANNError) -> FaissIndex {
        var made: OpaquePointer?
        try check(call(&made), context)
        guard let made else { throw .library(code: -1, message: "no index returned", context: context) }
        return FaissIndex(handle: made)
    }

    /// Turns a shim status into an error.
    static func check(_ status: Int32, _ context: @autoclosure () -> String) throws(ANNError) {
        guard status != Int32(LK_FAISS_OK.rawValue) else { return }
        if status == Int32(LK_FAISS_NOT_TRAINED.rawValue) { throw .notTrained }
        throw .library(code: status, message: String(cString: lk_faiss_last_error()), context: context())
    }

    private static func shim(_ metric: Metric) -> lk_faiss_metric { metric == .l2 ? LK_FAISS_L2 : LK_FAISS_INNER_PRODUCT }

    /// An exhaustive index.
    static func flat(dimension: Int, metric: Metric) throws(ANNError) -> FaissIndex {
        try make("flat") { lk_faiss_new_flat(Int32(dimension), shim(metric), $0) }
    }

    /// An HNSW graph over full vectors.
    static func hnsw(dimension: Int, metric: Metric, _ p: HNSWParameters) throws(ANNError) -> FaissIndex {
        try make("hnsw") { lk_faiss_new_hnsw(Int32(dimension), shim(metric), Int32(p.m), Int32(p.efConstruction), Int32(p.efSearch), $0) }
    }

    /// An inverted file of full vectors (untrained).
    static func ivfFlat(dimension: Int, metric: Metric, nlist: Int, nprobe: Int) throws(ANNError) -> FaissIndex {
        try make("ivf") { lk_faiss_new_ivf_flat(Int32(dimension), shim(metric), Int32(nlist), Int32(nprobe), $0) }
    }

    /// An inverted file of product-quantised codes (untrained).
    static func ivfPQ(dimension: Int, metric: Metric, nlist: Int, nprobe: Int, m: Int, nbits: Int) throws(ANNError) -> FaissIndex {
        try make("ivfpq") { lk_faiss_new_ivf_pq(Int32(dimension), shim(metric), Int32(nlist), Int32(nprobe), Int32(m), Int32(nbits), $0) }
    }

    /// Reads an index written by ``write(to:)``.
    static func read(from path: String) throws(ANNError) -> FaissIndex {
        try make(path) { lk_faiss_read(path, $0) }
    }

    /// A deep copy.
    func copy() throws(ANNError) -> FaissIndex {
        try Self.make("clone") { lk_faiss_clone(handle, $0) }
    }

    /// Threads FAISS may use in batched search (process-wide).
    static func setThreads(_ threads: Int) { lk_faiss_set_threads(Int32(threads)) }

    var count: Int {
        var n: Int64 = 0
        _ = lk_faiss_describe(handle, nil, &n, nil)
        return Int(n)
    }

    var isTrained: Bool {
        var trained: Int32 = 0
        _ = lk_faiss_describe(handle, nil, nil, &trained)
        return trained != 0
    }

    /// Trains on row-major vectors (`rows.count` a multiple of ``dimension``).
    func train(_ rows: [Float]) throws(ANNError) {
        let n = rows.count / dimension
        try Self.check(rows.withUnsafeBufferPointer { lk_faiss_train(handle, Int64(n), $0.baseAddress) }, "train")
    }

    /// Adds row-major vectors.
    func add(_ rows: [Float]) throws(ANNError) {
        let n = rows.count / dimension
        try Self.check(rows.withUnsafeBufferPointer { lk_faiss_add(handle, Int64(n), $0.baseAddress) }, "add")
    }

    /// The `k` nearest of each row-major query: FAISS scores and ids (-1 where fewer were found), query after query.
    func search(_ queries: [Float], k: Int) throws(ANNError) -> (scores: [Float], ids: [Int64]) {
        let n = queries.count / dimension
        return try Self.results(n: n, k: k, empty: Float(0), "search") { s, i in
            queries.withUnsafeBufferPointer { lk_faiss_search(handle, Int64(n), $0.baseAddress, Int64(k), s, i) }
        }
    }

    /// Runs a search call of the shim (float or binary) into fresh `n × k` score and id buffers.
    static func results<Score>(n: Int, k: Int, empty: Score, _ context: String,
                               _ call: (UnsafeMutablePointer<Score>?, UnsafeMutablePointer<Int64>?) -> Int32) throws(ANNError) -> ([Score], [Int64]) {
        var scores = [Score](repeating: empty, count: n * k)
        var ids = [Int64](repeating: -1, count: n * k)
        guard n > 0, k > 0 else { return (scores, ids) }
        let status = scores.withUnsafeMutableBufferPointer { s in ids.withUnsafeMutableBufferPointer { i in call(s.baseAddress, i.baseAddress) } }
        try check(status, context)
        return (scores, ids)
    }

    /// Stored vectors `first ..< first + n`, row-major (decoded codes for product quantisation).
    func reconstruct(first: Int, count n: Int) throws(ANNError) -> [Float] {
        var out = [Float](repeating: 0, count: n * dimension)
        guard n > 0 else { return out }
        try Self.check(out.withUnsafeMutableBufferPointer { lk_faiss_reconstruct(handle, Int64(first), Int64(n), $0.baseAddress) }, "reconstruct")
        return out
    }

    /// Sets HNSW's search beam.
    func setEfSearch(_ ef: Int) throws(ANNError) { try Self.check(lk_faiss_set_ef_search(handle, Int32(ef)), "efSearch") }

    /// Sets how many IVF cells a query visits.
    func setNprobe(_ nprobe: Int) throws(ANNError) { try Self.check(lk_faiss_set_nprobe(handle, Int32(nprobe)), "nprobe") }

    /// Writes the index to a file.
    func write(to path: String) throws(ANNError) { try Self.check(lk_faiss_write(handle, path), path) }
}

extension FaissIndex {
    /// Whether this CPU runs the shim's AVX2+FMA distance kernels, which HNSW graphs and inverted
    /// files of full vectors then use (made, read or copied) instead of Debian's generic FAISS code.
    static var avx2Available: Bool { lk_faiss_avx2_available() != 0 }

    /// Whether this index computes its distances with the AVX2 kernels.
    var usesAVX2: Bool { lk_faiss_uses_avx2(handle) != 0 }

    /// Puts the index on the AVX2 kernels (where the CPU and the kind allow) or back on FAISS's own
    /// distance code, to compare the two on one index.
    func setAVX2(_ enabled: Bool) throws(ANNError) { try Self.check(lk_faiss_set_avx2(handle, enabled ? 1 : 0), "avx2") }

    /// The AVX2 kernels on two equally long vectors: inner product and squared Euclidean distance,
    /// nil when the CPU lacks AVX2 or FMA. For tests.
    static func avx2Kernels(_ a: [Float], _ b: [Float]) -> (innerProduct: Float, l2Squared: Float)? {
        precondition(a.count == b.count, "kernel inputs of different lengths")
        guard avx2Available else { return nil }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                (lk_faiss_avx2_inner_product(a.baseAddress, b.baseAddress, Int64(a.count)),
                 lk_faiss_avx2_l2_squared(a.baseAddress, b.baseAddress, Int64(a.count)))
            }
        }
    }
}
