internal import CFAISS

/// One FAISS index of packed bit codes searched by Hamming distance, owned: the handle is freed
/// when this object goes.
///
/// Thin: every method is one call of the C shim with its status turned into an ``ANNError``.
/// Searching is safe from several threads at once; adding and training are not.
final class FaissBinaryIndex: @unchecked Sendable {
    private let handle: OpaquePointer
    /// Code length in bits (a multiple of 8).
    let bits: Int

    private init(handle: OpaquePointer) {
        self.handle = handle
        var b: Int32 = 0
        _ = lk_faiss_binary_describe(handle, &b, nil, nil)
        bits = Int(b)
    }

    deinit { lk_faiss_free_binary(handle) }

    /// Bytes per code.
    var codeSize: Int { bits / 8 }

    private static func make(_ context: String, _ call: (UnsafeMutablePointer<OpaquePointer?>) -> Int32) throws(ANNError) -> FaissBinaryIndex {
        var made: OpaquePointer?
        try FaissIndex.check(call(&made), context)
        guard let made else { throw .library(code: -1, message: "no index returned", context: context) }
        return FaissBinaryIndex(handle: made)
    }

    /// An exhaustive index.
    static func flat(bits: Int) throws(ANNError) -> FaissBinaryIndex {
        try make("binary flat") { lk_faiss_new_binary_flat(Int32(bits), $0) }
    }

    /// An HNSW graph.
    static func hnsw(bits: Int, _ p: HNSWParameters) throws(ANNError) -> FaissBinaryIndex {
        try make("binary hnsw") { lk_faiss_new_binary_hnsw(Int32(bits), Int32(p.m), Int32(p.efConstruction), Int32(p.efSearch), $0) }
    }

    /// An inverted file (untrained).
    static func ivf(bits: Int, nlist: Int, nprobe: Int) throws(ANNError) -> FaissBinaryIndex {
        try make("binary ivf") { lk_faiss_new_binary_ivf(Int32(bits), Int32(nlist), Int32(nprobe), $0) }
    }

    /// Trains on packed codes (`codes.count` a multiple of ``codeSize``).
    func train(_ codes: [UInt8]) throws(ANNError) { try pass(codes, "binary train") { lk_faiss_binary_train($0, $1, $2) } }

    /// Adds packed codes.
    func add(_ codes: [UInt8]) throws(ANNError) { try pass(codes, "binary add") { lk_faiss_binary_add($0, $1, $2) } }

    /// Hands packed codes to one shim call (train or add) with their count.
    private func pass(_ codes: [UInt8], _ context: String, _ call: (OpaquePointer, Int64, UnsafePointer<UInt8>?) -> Int32) throws(ANNError) {
        let n = Int64(codes.count / codeSize)
        try FaissIndex.check(codes.withUnsafeBufferPointer { call(handle, n, $0.baseAddress) }, context)
    }

    /// The `k` nearest of each packed query: distances in bits and ids (-1 where fewer were found), query after query.
    func search(_ queries: [UInt8], k: Int) throws(ANNError) -> (distances: [Int32], ids: [Int64]) {
        let n = queries.count / codeSize
        return try FaissIndex.results(n: n, k: k, empty: Int32(0), "binary search") { d, i in
            queries.withUnsafeBufferPointer { lk_faiss_binary_search(handle, Int64(n), $0.baseAddress, Int64(k), d, i) }
        }
    }
}
