extension ApproximateVectorIndex {
    /// Threads FAISS may use for batched search and building (process-wide OpenMP setting).
    public static func setThreads(_ threads: Int) { FaissIndex.setThreads(threads) }

    /// Writes the FAISS index (for an untrained IVF kind, the exact stage) to a file.
    public func write(to path: String) throws(ANNError) { try storage.write(to: path) }
}
