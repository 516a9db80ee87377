import LikenessCore
import LikenessText
import Testing

@Suite struct MinHashTests {
    @Test("MinHash estimates shingle Jaccard; signatures are seeded")
    func estimates() throws {
        let hasher = try MinHasher(shingle: 3, hashes: 256, seed: 42)
        let jaccard = try ShingleJaccard(k: 3)
        var random = SeededRandom(seed: 5)
        var worst = 0.0
        for _ in 0..<60 {
            let a = Oracle.string(&random, length: 80, alphabet: Oracle.letters)
            let b = Oracle.mutate(a, &random, edits: random.int(in: 0...30), alphabet: Oracle.letters)
            let estimate = MinHasher.estimatedJaccard(hasher.signature(a), hasher.signature(b))
            worst = max(worst, abs(estimate - jaccard.similarity(a, b)))
        }
        // 256 entries: the standard error is at most 1/32 ≈ 0.031; 0.15 is beyond 4.5 of them.
        #expect(worst < 0.15)
        let again = try MinHasher(shingle: 3, hashes: 256, seed: 42), other = try MinHasher(shingle: 3, hashes: 256, seed: 43)
        let text = Oracle.string(&random, length: 50, alphabet: Oracle.letters)
        #expect(again.signature(text) == hasher.signature(text))
        #expect(other.signature(text) != hasher.signature(text))
        #expect(hasher.signature([]) == [UInt32](repeating: .max, count: 256))
        #expect(MinHasher.estimatedJaccard(hasher.signature(Array(text.prefix(2))), hasher.signature(Array(text.prefix(2)))) == 1)
    }

    @Test("LSH banding finds ≥ 95% of planted mutated copies without proposing most pairs")
    func plantedRecall() throws {
        var random = SeededRandom(seed: 99)
        var texts: [[UInt32]] = []
        var planted: Set<[Int]> = []
        for _ in 0..<300 {
            let base = Oracle.string(&random, length: 120, alphabet: Oracle.dna)
            texts.append(base)
            // One copy with 1–4 edits (about 1–3% of the length).
            let copy = Oracle.mutate(base, &random, edits: random.int(in: 1...4), alphabet: Oracle.dna)
            planted.insert([texts.count - 1, texts.count])
            texts.append(copy)
        }
        let banding = try LSHBanding(bands: 32, rows: 2)
        let hasher = try MinHasher(shingle: 8, hashes: banding.hashes, seed: 1)
        let signatures = texts.flatMap { hasher.signature($0) }
        let candidates = try banding.candidates(signatures, count: texts.count)
        let found = Set(candidates.map { [$0.i, $0.j] })
        let recall = Double(planted.intersection(found).count) / Double(planted.count)
        #expect(recall >= 0.95)
        let allPairs = texts.count * (texts.count - 1) / 2
        #expect(candidates.count < allPairs / 100, "\(candidates.count) candidates of \(allPairs) pairs")
        #expect(candidates.allSatisfy { $0.i < $0.j })
        #expect(zip(candidates, candidates.dropFirst()).allSatisfy { ($0.i, $0.j) < ($1.i, $1.j) }, "sorted and distinct")
    }

    @Test("the S-curve and bad parameters")
    func banding() throws {
        let banding = try LSHBanding(bands: 20, rows: 5)
        #expect(banding.hashes == 100)
        #expect(banding.candidateProbability(jaccard: 0) == 0 && banding.candidateProbability(jaccard: 1) == 1)
        #expect(abs(banding.threshold - 0.549) < 0.001)
        #expect(banding.candidateProbability(jaccard: 0.8) > 0.99 && banding.candidateProbability(jaccard: 0.3) < 0.05)
        #expect(throws: TextMetricError.self) { try LSHBanding(bands: 0, rows: 2) }
        #expect(throws: TextMetricError.self) { try MinHasher(shingle: 0, hashes: 4, seed: 1) }
    }
}
