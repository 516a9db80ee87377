import Foundation
import LikenessCore

/// Locality-sensitive hashing of MinHash signatures by banding: each signature of b·r entries is
/// cut into ``bands`` bands of ``rows`` entries, and two strings become a candidate pair when all
/// the entries of at least one band agree.
///
/// A pair whose shingle sets have Jaccard similarity s is proposed with probability
/// 1 − (1 − sʳ)ᵇ (``candidateProbability(jaccard:)``), an S-curve that rises steepest near
/// (1/b)^(1/r) (``threshold``): more bands catch less similar pairs, more rows keep dissimilar
/// ones out. Candidates are found per band by sorting the strings by their band's key, so the
/// work is O(b · N log N) plus the candidates, never N². A band shared by very many strings (the
/// same long prefix everywhere) still yields all its pairs; exact copies should be merged first.
///
/// Reference: J. Leskovec, A. Rajaraman and J. D. Ullman, *Mining of Massive Datasets*, ch. 3.4
/// (banding); P. Indyk and R. Motwani, "Approximate nearest neighbors: towards removing the curse
/// of dimensionality", STOC 1998.
public struct LSHBanding: Sendable, Equatable {
    public let bands: Int
    public let rows: Int

    /// Refuses fewer than one band or row.
    public init(bands: Int, rows: Int) throws(TextMetricError) {
        guard bands >= 1 else { throw .badParameter(name: "--bands", value: "\(bands)", reason: "must be at least 1") }
        guard rows >= 1 else { throw .badParameter(name: "--rows", value: "\(rows)", reason: "must be at least 1") }
        self.bands = bands
        self.rows = rows
    }

    /// Signature entries needed: bands × rows.
    public var hashes: Int { bands * rows }

    /// The Jaccard similarity where the S-curve is steepest, (1/b)^(1/r).
    public var threshold: Double { pow(1 / Double(bands), 1 / Double(rows)) }

    /// The probability that a pair with shingle Jaccard similarity `jaccard` is proposed.
    public func candidateProbability(jaccard: Double) -> Double {
        1 - pow(1 - pow(jaccard, Double(rows)), Double(bands))
    }

    /// The distinct candidate pairs (i < j) among `count` signatures stored one after another in
    /// `signatures` (``hashes`` entries each), sorted by i then j. Polls `cancellation` per band.
    public func candidates(_ signatures: [UInt32], count: Int, cancellation: CancellationToken? = nil) throws(Cancelled) -> [(i: Int, j: Int)] {
        precondition(signatures.count == count * hashes, "signatures do not hold \(count) × \(hashes) entries")
        var packed: [UInt64] = []
        var keyed = [(key: UInt64, id: Int32)](repeating: (0, 0), count: count)
        try signatures.withUnsafeBufferPointer { (all) throws(Cancelled) in
            for band in 0..<bands {
                if cancellation?.isCancelled == true { throw Cancelled() }
                for id in 0..<count {
                    keyed[id] = (bandKey(all, id: id, band: band), Int32(id))
                }
                keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.id < $1.id }
                var start = 0
                while start < count {
                    var end = start + 1
                    while end < count && keyed[end].key == keyed[start].key { end += 1 }
                    if end - start > 1 {
                        for x in start..<(end - 1) {
                            for y in (x + 1)..<end {
                                // Equal keys could be a 64-bit collision of different bands: compare the entries.
                                guard bandsEqual(all, Int(keyed[x].id), Int(keyed[y].id), band: band) else { continue }
                                packed.append(UInt64(UInt32(keyed[x].id)) << 32 | UInt64(UInt32(keyed[y].id)))
                            }
                        }
                    }
                    start = end
                }
            }
        }
        packed.sort()
        var out: [(i: Int, j: Int)] = []
        out.reserveCapacity(packed.count)
        var previous: UInt64? = nil
        for pair in packed where pair != previous {
            out.append((Int(pair >> 32), Int(pair & 0xFFFF_FFFF)))
            previous = pair
        }
        return out
    }

    /// One 64-bit key for `rows` entries of a band.
    @inline(__always)
    private func bandKey(_ all: UnsafeBufferPointer<UInt32>, id: Int, band: Int) -> UInt64 {
        let base = id * hashes + band * rows
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(band + 1)
        for offset in 0..<rows {
            h = (h ^ UInt64(all[base + offset])) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
        }
        return h
    }

    @inline(__always)
    private func bandsEqual(_ all: UnsafeBufferPointer<UInt32>, _ x: Int, _ y: Int, band: Int) -> Bool {
        let (bx, by) = (x * hashes + band * rows, y * hashes + band * rows)
        for offset in 0..<rows where all[bx + offset] != all[by + offset] { return false }
        return true
    }
}
