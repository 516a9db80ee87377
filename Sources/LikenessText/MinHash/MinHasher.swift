import LikenessCore

/// Seeded MinHash signatures of the k-shingle sets of strings: for each of ``hashes`` hash
/// functions, the smallest value it gives any shingle. Two strings agree in one signature entry
/// with probability equal to the Jaccard similarity of their shingle sets (``ShingleJaccard``),
/// so the fraction of agreeing entries estimates it without building the sets.
///
/// A shingle of k Unicode scalars (``ScalarText``) is first folded into one 64-bit value
/// (FNV-1a over its scalars, then the SplitMix64 finaliser); hash function i maps that value x to
/// the top 32 bits of aᵢ·x + bᵢ mod 2⁶⁴ (multiply–shift, Dietzfelbinger et al. 1997) with odd aᵢ
/// and bᵢ drawn from ``SeededRandom`` — one multiply, add and shift per shingle and function. As
/// in ``ShingleJaccard``, a non-empty string shorter than k is one shingle, and an empty string
/// has the all-`UInt32.max` signature of the empty set.
///
/// References: A. Z. Broder, "On the resemblance and containment of documents", SEQUENCES 1997;
/// A. Z. Broder, M. Charikar, A. M. Frieze and M. Mitzenmacher, "Min-wise independent
/// permutations", STOC 1998; M. Dietzfelbinger, T. Hagerup, J. Katajainen and M. Penttonen,
/// "A reliable randomized algorithm for the closest-pair problem", J. Algorithms 25(1), 1997.
public struct MinHasher: Sendable, Equatable {
    /// Scalars per shingle.
    public let shingle: Int
    /// Entries per signature.
    public var hashes: Int { multipliers.count }
    private let multipliers: [UInt64]
    private let increments: [UInt64]

    /// Draws `hashes` hash functions from `seed`; refuses a shingle below 1 or fewer than 1 hash.
    public init(shingle: Int, hashes: Int, seed: UInt64) throws(TextMetricError) {
        guard shingle >= 1 else { throw .badParameter(name: "--shingle", value: "\(shingle)", reason: "must be at least 1") }
        guard hashes >= 1 else { throw .badParameter(name: "hashes", value: "\(hashes)", reason: "must be at least 1") }
        self.shingle = shingle
        var random = SeededRandom(seed: seed)
        var multipliers: [UInt64] = [], increments: [UInt64] = []
        for _ in 0..<hashes {
            multipliers.append(random.next() | 1)
            increments.append(random.next())
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// The signature of `text`: ``hashes`` entries.
    public func signature(_ text: [UInt32]) -> [UInt32] {
        [UInt32](unsafeUninitializedCapacity: hashes) { buffer, initialized in
            signature(text, into: buffer)
            initialized = hashes
        }
    }

    /// Writes the signature of `text` into `out`, which holds ``hashes`` entries.
    public func signature(_ text: [UInt32], into out: UnsafeMutableBufferPointer<UInt32>) {
        precondition(out.count >= hashes, "signature buffer too small")
        out.initialize(repeating: .max)
        guard !text.isEmpty else { return }
        let k = min(shingle, text.count)
        multipliers.withUnsafeBufferPointer { a in
            increments.withUnsafeBufferPointer { b in
                text.withUnsafeBufferPointer { scalars in
                    for start in 0...(scalars.count - k) {
                        let x = Self.fold(scalars, from: start, count: k)
                        for i in 0..<a.count {
                            let value = UInt32(truncatingIfNeeded: (a[i] &* x &+ b[i]) >> 32)
                            out[i] = min(out[i], value)
                        }
                    }
                }
            }
        }
    }

    /// One 64-bit value for the shingle `scalars[from ..< from + count]`.
    @inline(__always)
    static func fold(_ scalars: UnsafeBufferPointer<UInt32>, from start: Int, count: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in start..<(start + count) { h = (h ^ UInt64(scalars[index])) &* 0x0000_0100_0000_01B3 }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    /// The fraction of equal entries of two signatures: the MinHash estimate of their Jaccard similarity.
    public static func estimatedJaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        precondition(a.count == b.count && !a.isEmpty, "signatures of different lengths")
        var equal = 0
        for index in a.indices where a[index] == b[index] { equal += 1 }
        return Double(equal) / Double(a.count)
    }
}
