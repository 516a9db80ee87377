extension ApproximateVectorIndex {
    /// Whether this index computes its distances with the shim's AVX2+FMA kernels (HNSW and
    /// IVF-Flat on a CPU that has them) rather than Debian's generic x86-64 FAISS code.
    package var usesAVX2Kernels: Bool { storage.usesAVX2 }

    /// Puts this index on FAISS's own distance code (`false`) or back on the AVX2 kernels (`true`,
    /// where the CPU and the kind allow), for benchmarks that compare the two on one index. The
    /// answers are the same up to float rounding.
    package mutating func setAVX2Kernels(_ enabled: Bool) throws(ANNError) {
        makeUnique()
        try storage.setAVX2(enabled)
    }
}
