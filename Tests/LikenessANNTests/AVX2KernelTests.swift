@testable import LikenessANN
import Foundation
import LikenessCore
import LikenessTestSupport
import Testing

/// The shim's AVX2+FMA distance kernels: the same values as a plain loop, the same neighbours as
/// FAISS's exact index and its own distance code, and files that read back onto them.
@Suite struct AVX2KernelTests {
    /// Whether /proc/cpuinfo lists AVX2 and FMA (then the shim must have found them too).
    static let cpuHasAVX2: Bool = {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let words = Set(flags.split(separator: " ").map(String.init))
        return words.contains("avx2") && words.contains("fma")
    }()

    @Test("the shim finds AVX2 and FMA exactly when the CPU lists them")
    func detection() {
        #expect(FaissIndex.avx2Available == Self.cpuHasAVX2)
    }

    @Test("the kernels agree with a plain double-precision loop, tails included", arguments: [1, 7, 8, 9, 31, 33, 1280, 1283])
    func kernels(dimension: Int) throws {
        guard let _ = FaissIndex.avx2Kernels([0], [0]) else { return } // no AVX2 here: FAISS's own code is used
        let data = SyntheticClusters(dimension: dimension, clusters: 4, spread: 1, seed: 11)
        let rows = data.vectors(20)
        for (a, b) in zip(rows, rows.dropFirst()) {
            var product = 0.0, magnitude = 0.0, squared = 0.0
            for (x, y) in zip(a, b) {
                product += Double(x) * Double(y)
                magnitude += abs(Double(x) * Double(y))
                squared += (Double(x) - Double(y)) * (Double(x) - Double(y))
            }
            let fast = try #require(FaissIndex.avx2Kernels(a, b))
            // Float accumulation in another order: the error is bounded by the sum of magnitudes.
            #expect(abs(Double(fast.innerProduct) - product) <= 1e-5 * magnitude + 1e-6, "d=\(dimension): \(fast.innerProduct) vs \(product)")
            #expect(abs(Double(fast.l2Squared) - squared) <= 1e-5 * squared + 1e-6, "d=\(dimension): \(fast.l2Squared) vs \(squared)")
        }
    }

    /// Stored vectors, queries and FAISS's exact top 10 of each query.
    static func exactTop10(_ metric: FaissIndex.Metric, dimension: Int) throws -> (stored: [Float], queries: [Float], ids: [Int64]) {
        let data = SyntheticClusters(dimension: dimension, clusters: 10, spread: 0.5, seed: 5)
        let stored = data.rows(600), queries = data.rows(40, stream: 1)
        let exact = try FaissIndex.flat(dimension: dimension, metric: metric)
        try exact.add(stored)
        return (stored, queries, try exact.search(queries, k: 10).ids)
    }

    /// Each query's ten ids as a set (near-equal scores may come in either order).
    static func sets(_ ids: [Int64]) -> [Set<Int64>] {
        stride(from: 0, to: ids.count, by: 10).map { Set(ids[$0..<($0 + 10)]) }
    }

    @Test("HNSW and IVF-Flat on the kernels give FAISS's exact top 10 at generous settings, and FAISS's own distances",
          arguments: [FaissIndex.Metric.innerProduct, .l2])
    func sameNeighbours(metric: FaissIndex.Metric) throws {
        let dimension = 67
        let (stored, queries, truth) = try Self.exactTop10(metric, dimension: dimension)
        let hnsw = try FaissIndex.hnsw(dimension: dimension, metric: metric, HNSWParameters(m: 16, efConstruction: 200, efSearch: 400))
        let ivf = try FaissIndex.ivfFlat(dimension: dimension, metric: metric, nlist: 8, nprobe: 8)
        try ivf.train(stored)
        for index in [hnsw, ivf] {
            #expect(index.usesAVX2 == FaissIndex.avx2Available)
            try index.add(stored)
            let fast = try index.search(queries, k: 10)
            #expect(Self.sets(fast.ids) == Self.sets(truth), "\(metric): top 10 differs from the exact index")
            // One query at a time too (below FAISS's BLAS threshold: the inverted file's coarse
            // search then runs on the kernels as well).
            for q in 0..<8 {
                let one = try index.search(Array(queries[(q * dimension)..<((q + 1) * dimension)]), k: 10).ids
                #expect(Set(one) == Self.sets(truth)[q], "\(metric): query \(q) alone")
            }
            try index.setAVX2(false)
            #expect(!index.usesAVX2)
            let generic = try index.search(queries, k: 10)
            #expect(Self.sets(generic.ids) == Self.sets(fast.ids))
            for (a, b) in zip(fast.scores, generic.scores) {
                #expect(abs(a - b) <= 1e-4 * max(1, abs(b)), "\(metric): \(a) vs FAISS's \(b)")
            }
        }
    }

    @Test("a file written by FAISS's own storage reads back onto the kernels, and the files are the same bytes")
    func files() throws {
        let directory = TemporaryDirectory()
        let dimension = 33
        let (stored, queries, _) = try Self.exactTop10(.innerProduct, dimension: dimension)
        let hnsw = try FaissIndex.hnsw(dimension: dimension, metric: .innerProduct, HNSWParameters())
        let ivf = try FaissIndex.ivfFlat(dimension: dimension, metric: .l2, nlist: 4, nprobe: 2)
        try ivf.train(stored)
        for (name, index) in [("hnsw", hnsw), ("ivf", ivf)] {
            try index.add(stored)
            let answers = try index.search(queries, k: 5).ids
            try index.setAVX2(false) // as every index was before the kernels
            let old = directory.child("\(name)-old.faiss"), new = directory.child("\(name)-new.faiss")
            try index.write(to: old)
            try index.setAVX2(true)
            try index.write(to: new)
            #expect(FileManager.default.contents(atPath: old) == FileManager.default.contents(atPath: new), "\(name): file format changed")
            let read = try FaissIndex.read(from: old)
            #expect(read.usesAVX2 == FaissIndex.avx2Available, "\(name): read back off the kernels")
            #expect(try read.search(queries, k: 5).ids == answers)
            #expect(try read.copy().usesAVX2 == FaissIndex.avx2Available, "\(name): copied off the kernels")
        }
        var index = try ApproximateVectorIndex(dimension: dimension, metric: .cosine, kind: .hnsw(HNSWParameters()))
        try index.add(SyntheticClusters(dimension: dimension, seed: 2).vectors(50))
        let path = directory.child("index.faiss")
        try index.write(to: path)
        let read = try ApproximateVectorIndex(reading: path, dimension: dimension, kind: .hnsw(HNSWParameters()))
        #expect(read.storage.usesAVX2 == FaissIndex.avx2Available)
    }
}
