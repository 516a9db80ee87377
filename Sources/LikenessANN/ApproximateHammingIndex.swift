import LikenessCore

/// Bit hashes (perceptual hashes) in a FAISS binary index, searched by Hamming distance: the
/// binary counterpart of ``ApproximateVectorIndex``, measured against the exact Hamming scan.
///
/// Hashes are packed into bytes, first bit first; a length that is not a multiple of 8 is padded
/// with zero bits, which every hash shares, so distances are unchanged. The inverted file
/// (``HammingIndexKind/ivf(_:)``) keeps codes in an exhaustive index until it holds its training
/// size, then trains its cells on that many (evenly spaced) and moves everything into them.
///
/// A value type over a FAISS handle. The packed codes are kept beside it (`bits / 8` bytes per
/// hash), so a copy that changes builds its own index from them instead of changing a shared one.
public struct ApproximateHammingIndex: Sendable {
    /// A stored hash found for a query: its id (the order it was added in) and its distance in bits.
    public struct Match: Sendable, Hashable {
        public var id: Int
        public var distance: Int

        public init(id: Int, distance: Int) {
            self.id = id
            self.distance = distance
        }
    }

    /// Bits per hash.
    public let bits: Int
    public let kind: HammingIndexKind
    /// The FAISS index: for the inverted file, an exhaustive one until trained.
    var storage: FaissBinaryIndex
    /// Every code added, packed, in id order.
    private(set) var codes: [UInt8] = []
    /// Whether ``storage`` is the index of ``kind``.
    public private(set) var isTrained: Bool

    /// An empty index of `bits`-bit hashes; throws when the kind's settings cannot be used.
    public init(bits: Int, kind: HammingIndexKind) throws(ANNError) {
        guard bits > 0 else { throw .invalidParameter(name: "bits", value: "\(bits)", reason: "must be positive") }
        self.bits = bits
        self.kind = kind
        (storage, isTrained) = try Self.makeStorage(kind, codeBits: (bits + 7) / 8 * 8)
    }

    /// The number of stored hashes.
    public var count: Int { codes.count / codeSize }

    /// Bytes per packed hash.
    var codeSize: Int { (bits + 7) / 8 }

    private static func makeStorage(_ kind: HammingIndexKind, codeBits: Int) throws(ANNError) -> (FaissBinaryIndex, Bool) {
        switch kind {
        case .flat, .ivf: return (try FaissBinaryIndex.flat(bits: codeBits), kind == .flat)
        case .hnsw(let p):
            try ApproximateIndexKind.hnsw(p).validate(dimension: codeBits)
            return (try FaissBinaryIndex.hnsw(bits: codeBits, p), true)
        }
    }

    /// Adds hashes; their ids continue from ``count``. Nothing is added if one has another length.
    public mutating func add(_ hashes: [BitHash]) throws(ANNError) {
        guard !hashes.isEmpty else { return }
        let packed = try pack(hashes)
        if !isKnownUniquelyReferenced(&storage) {
            (storage, isTrained) = try Self.makeStorage(kind, codeBits: codeSize * 8)
            if !codes.isEmpty { try storage.add(codes) }
            if case .ivf = kind, count >= kind.trainingSize { try trainAndMove() }
        }
        codes += packed
        if case .ivf = kind, !isTrained, count >= kind.trainingSize {
            try trainAndMove()
        } else {
            try storage.add(packed)
        }
    }

    /// Trains the inverted file on ``HammingIndexKind/trainingSize`` codes spread evenly over those
    /// held and moves them all into it.
    private mutating func trainAndMove() throws(ANNError) {
        guard case .ivf(let p) = kind else { return }
        try ApproximateIndexKind.ivfFlat(p).validate(dimension: codeSize * 8)
        let fresh = try FaissBinaryIndex.ivf(bits: codeSize * 8, nlist: p.nlist, nprobe: p.nprobe)
        let n = count, wanted = Swift.min(kind.trainingSize, n)
        var sample: [UInt8] = []
        sample.reserveCapacity(wanted * codeSize)
        for i in 0..<wanted {
            let row = i * n / wanted
            sample += codes[(row * codeSize)..<((row + 1) * codeSize)]
        }
        try fresh.train(sample)
        try fresh.add(codes)
        storage = fresh
        isTrained = true
    }

    /// Packs hashes into FAISS codes; throws for a hash of another length than ``bits``.
    func pack(_ hashes: [BitHash]) throws(ANNError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(hashes.count * codeSize)
        for hash in hashes {
            guard hash.count == bits else { throw .dimensionMismatch(expected: bits, actual: hash.count) }
            for byte in 0..<codeSize {
                out.append(UInt8(truncatingIfNeeded: hash.words[byte / 8] >> UInt64(56 - 8 * (byte % 8))))
            }
        }
        return out
    }
}
