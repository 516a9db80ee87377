import LikenessCore

/// Approximate search through FAISS: an HNSW graph or an inverted file (flat or product-quantised),
/// keeping the ``VectorIndex`` contract with recall measured against ``ExactVectorIndex``.
///
/// Scores are the contract's: cosine and dot similarities (cosine vectors are normalised when
/// added, so FAISS's inner product is their cosine), Euclidean distances (the square root of
/// FAISS's squared ones). Results are re-sorted closest first with ties by lower id.
///
/// IVF kinds need training. Until the index holds ``ApproximateIndexKind/trainingSize`` vectors it
/// keeps them in an exact FAISS index and answers exactly; the batch that reaches the size trains
/// the cells on that many of the vectors held so far (evenly spaced) and moves them all into the
/// inverted file. ``train(on:)`` trains
/// earlier on a sample the caller picks.
///
/// A value type over a shared FAISS handle: copies share it until one of them changes, which
/// first clones it (searching from several threads at once is safe).
public struct ApproximateVectorIndex: VectorIndex {
    public let metric: VectorMetric
    public let dimension: Int
    public internal(set) var kind: ApproximateIndexKind
    /// The FAISS index: for IVF kinds, an exact one until trained.
    var storage: FaissIndex
    /// Whether ``storage`` is the index of ``kind`` (always for HNSW).
    public private(set) var isTrained: Bool
    public private(set) var count: Int = 0
    /// Where whole-index searches (``neighbors(k:within:)``, ``pairs(within:)``) report their
    /// progress, as the phase ``IndexBuildWatch/searchPhase``: the reporter of the last
    /// ``add(_:watch:)`` given a watch, so an index built for a job reports to that job.
    public var searchProgress: (any ProgressReporter)?

    /// An empty index; throws when the kind's parameters do not fit `dimension`.
    public init(dimension: Int, metric: VectorMetric = .cosine, kind: ApproximateIndexKind) throws(ANNError) {
        guard dimension > 0 else { throw .invalidParameter(name: "dimension", value: "\(dimension)", reason: "must be positive") }
        try kind.validate(dimension: dimension)
        self.dimension = dimension
        self.metric = metric
        self.kind = kind
        if case .hnsw(let p) = kind {
            storage = try FaissIndex.hnsw(dimension: dimension, metric: Self.faissMetric(metric), p)
            isTrained = true
        } else {
            storage = try FaissIndex.flat(dimension: dimension, metric: Self.faissMetric(metric))
            isTrained = false
        }
    }

    /// An index over a trained FAISS index read from a file (see ``init(reading:dimension:metric:kind:)``).
    init(storage: FaissIndex, dimension: Int, metric: VectorMetric, kind: ApproximateIndexKind) {
        self.storage = storage
        self.dimension = dimension
        self.metric = metric
        self.kind = kind
        self.isTrained = true
        self.count = storage.count
    }

    static func faissMetric(_ metric: VectorMetric) -> FaissIndex.Metric { metric == .l2 ? .l2 : .innerProduct }

    /// Adds vectors; their ids continue from ``count``. Nothing is added if any is refused by the
    /// checks (length, finite values). The batch that brings an IVF kind to its training size trains
    /// it. FAISS failing is ``VectorIndexError/backend(library:operation:code:message:)`` with its
    /// message; the chunks of ``addChunk`` vectors added before it stay. With `watch`, progress is
    /// reported after each chunk, and a stop request before the next one ends the add with
    /// ``VectorIndexError/stopped`` (the index then holds part of the batch and should be dropped).
    public mutating func add(_ batch: [[Float]]) throws(VectorIndexError) {
        try add(batch, watch: nil)
    }

    /// ``add(_:)``, reported to and stoppable through `watch`.
    public mutating func add(_ batch: [[Float]], watch: IndexBuildWatch?) throws(VectorIndexError) {
        try VectorIndexError.check(batch, dimension: dimension)
        if let watch { searchProgress = watch.progress }
        guard !batch.isEmpty else { return }
        makeUnique()
        watch?.progress.begin(IndexBuildWatch.phase, total: batch.count)
        defer { watch?.progress.end(IndexBuildWatch.phase) }
        // In chunks, so the prepared (normalised, row-major) copy stays small beside the batch.
        for start in stride(from: 0, to: batch.count, by: Self.addChunk) {
            if watch?.cancellation.isCancelled == true { throw .stopped }
            let chunk = batch[start..<Swift.min(start + Self.addChunk, batch.count)]
            let rows = prepared(Array(chunk))
            do {
                if !isTrained && count + chunk.count >= kind.trainingSize {
                    try trainAndMove(sample: nil, adding: rows)
                } else {
                    try storage.add(rows)
                }
            } catch {
                // Parameters were validated and the training size reached, so FAISS failing here is
                // out of memory or a FAISS refusal the checks did not foresee: the caller gets FAISS's
                // message as a typed error, and the vectors of earlier chunks stay added.
                throw error.vectorIndexError
            }
            count += chunk.count
            watch?.progress.advance(IndexBuildWatch.phase, completed: start + chunk.count, total: batch.count)
        }
    }

    /// Vectors handed to FAISS per call when adding.
    static let addChunk = 16_384

    /// Trains an IVF kind now on `sample` (at least nlist vectors, and 2^nbits for IVF-PQ) and
    /// moves the vectors held so far into it. Does nothing for HNSW or a trained index.
    public mutating func train(on sample: [[Float]]) throws(ANNError) {
        guard !isTrained else { return }
        let needed = Swift.max(kind.minimumTrainingVectors, 1)
        guard sample.count >= needed else { throw .tooFewTrainingVectors(needed: needed, given: sample.count) }
        do { try VectorIndexError.check(sample, dimension: dimension) } catch {
            if case .dimensionMismatch(let expected, let actual, _) = error { throw .dimensionMismatch(expected: expected, actual: actual) }
            throw .invalidParameter(name: "sample", value: "\(sample.count) vectors", reason: error.description)
        }
        makeUnique()
        try trainAndMove(sample: prepared(sample), adding: [])
    }

    /// Builds the kind's FAISS index, trains it on `sample` (or on everything held plus `rows`),
    /// and adds what was held and `rows`.
    private mutating func trainAndMove(sample: [Float]?, adding rows: [Float]) throws(ANNError) {
        let held = try storage.reconstruct(first: 0, count: storage.count) + rows
        let fresh: FaissIndex
        switch kind {
        case .hnsw: return
        case .ivfFlat(let p):
            fresh = try FaissIndex.ivfFlat(dimension: dimension, metric: Self.faissMetric(metric), nlist: p.nlist, nprobe: p.nprobe)
        case .ivfPQ(let p):
            fresh = try FaissIndex.ivfPQ(dimension: dimension, metric: Self.faissMetric(metric), nlist: p.ivf.nlist, nprobe: p.ivf.nprobe, m: p.m, nbits: p.nbits)
        }
        try fresh.train(sample ?? Self.strided(held, rows: kind.trainingSize, dimension: dimension))
        try fresh.add(held)
        storage = fresh
        isTrained = true
    }

    /// At most `rows` of the row-major `matrix`, evenly spaced (row `i × n / rows`), so a collection
    /// in folder order trains cells on all of it, not on its first folders.
    static func strided(_ matrix: [Float], rows: Int, dimension: Int) -> [Float] {
        let n = matrix.count / dimension
        guard rows > 0, rows < n else { return matrix }
        var sample: [Float] = []
        sample.reserveCapacity(rows * dimension)
        for i in 0..<rows {
            let row = i * n / rows
            sample += matrix[(row * dimension)..<((row + 1) * dimension)]
        }
        return sample
    }

    /// Clones the FAISS index when another copy of this value shares it.
    mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&storage) else { return }
        do { storage = try storage.copy() } catch { preconditionFailure("FAISS could not copy an index: \(error)") }
    }

    /// Row-major vectors as stored: unit length for cosine (a zero vector as it is).
    func prepared(_ vectors: [[Float]]) -> [Float] {
        var rows: [Float] = []
        rows.reserveCapacity(vectors.count * dimension)
        for vector in vectors {
            guard metric == .cosine else { rows += vector; continue }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            rows += norm > 0 ? vector.map { $0 / norm } : vector
        }
        return rows
    }

    /// The stored (for cosine: normalised) vector with this id; for IVF-PQ, its decoded code.
    public func vector(at id: Int) -> [Float] {
        precondition(id >= 0 && id < count, "id \(id) is not below count \(count)")
        do { return try storage.reconstruct(first: id, count: 1) } catch { preconditionFailure("FAISS could not read vector \(id): \(error)") }
    }
}

extension ApproximateIndexKind {
    /// The fewest vectors FAISS can train this kind on.
    var minimumTrainingVectors: Int {
        switch self {
        case .hnsw: 0
        case .ivfFlat(let p): p.nlist
        case .ivfPQ(let p): Swift.max(p.ivf.nlist, 1 << p.nbits)
        }
    }
}
