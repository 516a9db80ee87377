import LikenessAnalysis
import LikenessCore
import LikenessText

/// One confirmed near pair of strings (indices into the strings searched, i < j).
public struct TextNeighbourPair: Sendable, Equatable {
    public var i: Int
    public var j: Int
    public var score: TextScore
}

/// The one path from strings to their confirmed near pairs, shared by `text dupes` and
/// `text cluster`: exact copies are merged first (they are pairs of distance 0 and would crowd
/// the LSH buckets), MinHash signatures of the distinct strings are cut into bands
/// (``LSHBanding``), and every candidate pair is confirmed with the configured metric. Never
/// compares all N² pairs. Signatures and confirmations run on `context.workers` threads.
struct TextNeighbourSearch {
    let configuration: TextSearchConfiguration

    /// What the search found: the accepted pairs, and how many distinct candidates LSH proposed.
    struct Found {
        var pairs: [TextNeighbourPair]
        var candidates: Int
    }

    /// Pairs whose score `accept` takes, sorted by i then j.
    func pairs(_ texts: [[UInt32]], accept: @escaping @Sendable (TextScore) -> Bool, context: JobContext) throws(JobError) -> Found {
        let comparer: TextComparer, banding: LSHBanding, hasher: MinHasher
        do {
            comparer = try TextComparer(metric: configuration.metric, shingle: configuration.shingle)
            banding = try LSHBanding(bands: configuration.bands, rows: configuration.rows)
            hasher = try MinHasher(shingle: configuration.shingle, hashes: banding.hashes, seed: configuration.seed)
        } catch { throw .invalidInput(error.description) }

        // Exact copies share one representative.
        var representative: [[UInt32]: Int] = [:]
        var copies: [[Int]] = []
        for (index, text) in texts.enumerated() {
            if let rep = representative[text] { copies[rep].append(index) } else {
                representative[text] = copies.count
                copies.append([index])
            }
        }
        let distinct = copies.map { texts[$0[0]] }
        let workers = context.workers

        let chunks = stride(from: 0, to: distinct.count, by: 1024).map { $0..<min($0 + 1024, distinct.count) }
        context.progress.begin("minhash", total: distinct.count)
        let progress = context.progress, cancellation = context.cancellation
        let signed = ParallelWork.map(chunks, workers: workers, finished: { done in
            progress.advance("minhash", completed: min(done * 1024, distinct.count), total: distinct.count)
        }) { range -> [UInt32] in
            guard !cancellation.isCancelled else { return [] }
            var out = [UInt32](repeating: 0, count: range.count * hasher.hashes)
            out.withUnsafeMutableBufferPointer { buffer in
                for (offset, index) in range.enumerated() {
                    hasher.signature(distinct[index], into: UnsafeMutableBufferPointer(rebasing: buffer[(offset * hasher.hashes)..<((offset + 1) * hasher.hashes)]))
                }
            }
            return out
        }
        context.progress.end("minhash")
        try context.checkCancellation()

        let candidates: [(i: Int, j: Int)]
        do { candidates = try banding.candidates(Array(signed.joined()), count: distinct.count, cancellation: context.cancellation) } catch {
            throw .cancelled
        }

        let batches = stride(from: 0, to: candidates.count, by: 4096).map { $0..<min($0 + 4096, candidates.count) }
        context.progress.begin("confirm", total: candidates.count)
        let confirmed = ParallelWork.map(batches, workers: workers, finished: { done in
            progress.advance("confirm", completed: min(done * 4096, candidates.count), total: candidates.count)
        }) { range -> [TextNeighbourPair] in
            guard !cancellation.isCancelled else { return [] }
            var out: [TextNeighbourPair] = []
            for index in range {
                let (u, v) = candidates[index]
                // Strings whose lengths alone put them beyond the threshold are not compared.
                if let bound = comparer.bestPossible(lengths: (distinct[u].count, distinct[v].count)), !accept(bound) { continue }
                // Hamming refuses unequal lengths: such a pair is not near.
                guard let score = try? comparer.score(distinct[u], distinct[v]), accept(score) else { continue }
                out.append(TextNeighbourPair(i: u, j: v, score: score))
            }
            return out
        }
        context.progress.end("confirm")
        try context.checkCancellation()

        // Back from distinct strings to every copy.
        var pairs: [TextNeighbourPair] = []
        let identical = TextScore(distance: 0, similarity: 1)
        if accept(identical) {
            for members in copies where members.count > 1 {
                for x in 0..<(members.count - 1) {
                    for y in (x + 1)..<members.count { pairs.append(TextNeighbourPair(i: members[x], j: members[y], score: identical)) }
                }
            }
        }
        for pair in confirmed.joined() {
            for x in copies[pair.i] {
                for y in copies[pair.j] { pairs.append(TextNeighbourPair(i: min(x, y), j: max(x, y), score: pair.score)) }
            }
        }
        pairs.sort { ($0.i, $0.j) < ($1.i, $1.j) }
        return Found(pairs: pairs, candidates: candidates.count)
    }
}
