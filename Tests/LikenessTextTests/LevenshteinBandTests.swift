import LikenessCore
@testable import LikenessText
import Testing

/// The banded Levenshtein scan against the plain dynamic program: exact at or under its bound,
/// "exceeded" above it, whatever the lengths; and the bound guesses that drive it.
@Suite struct LevenshteinBandTests {
    /// Runs one banded scan of `text` against `pattern` with `bound`.
    private func scan(_ pattern: [UInt32], _ text: [UInt32], bound: Int) -> LevenshteinBand.Outcome {
        pattern.withUnsafeBufferPointer { p in
            text.withUnsafeBufferPointer { t in
                PatternBits.with(p) { bits in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * bits.words) { state in
                        LevenshteinBand.scan(bits, length: p.count, t, bound: bound, state: state.baseAddress!)
                    }
                }
            }
        }
    }

    @Test("a scan is exact when the distance is at most its bound and says exceeded when it is above, both ways round")
    func scanAgainstOracle() {
        var random = SeededRandom(seed: 2011)
        let lengths = [1, 40, 64, 65, 100, 128, 129, 200, 333]
        var exceeded = 0, exact = 0
        for round in 0..<40 {
            let alphabet = [Oracle.dna, Oracle.letters, Oracle.mixed][round % 3]
            let a = Oracle.string(&random, length: lengths[random.int(in: 0..<lengths.count)], alphabet: alphabet)
            // Near copies (small distances, a narrow band) and unrelated strings (large ones).
            let b = round % 2 == 0
                ? Oracle.mutate(a, &random, edits: random.int(in: 0...max(1, a.count / 4)), alphabet: alphabet)
                : Oracle.string(&random, length: lengths[random.int(in: 0..<lengths.count)], alphabet: alphabet)
            guard !b.isEmpty else { continue }
            let truth = Oracle.levenshtein(a, b)
            for (pattern, text) in [(a, b), (b, a)] {
                let floor = abs(pattern.count - text.count)
                let ceiling = max(pattern.count, text.count)
                for bound in Set([floor, floor + 1, truth - 1, truth, truth + 1, 2 * truth, ceiling]) where bound >= floor && bound <= ceiling {
                    let outcome = scan(pattern, text, bound: bound)
                    if truth <= bound {
                        #expect(outcome == .distance(truth), "\(pattern.count)×\(text.count), distance \(truth), bound \(bound)")
                        exact += 1
                    } else {
                        guard case .exceeded(let column) = outcome else {
                            Issue.record("\(pattern.count)×\(text.count): distance \(truth) over bound \(bound), got \(outcome)")
                            continue
                        }
                        #expect(column >= 1 && column <= text.count)
                        exceeded += 1
                    }
                }
            }
        }
        // Both outcomes were exercised.
        #expect(exact > 50 && exceeded > 50)
    }

    @Test("distance on long strings: small and large distances, over 64 and 128 scalars, equal and empty strings")
    func longStrings() {
        var random = SeededRandom(seed: 64)
        for length in [65, 127, 128, 129, 300, 700, 1_000] {
            let a = Oracle.string(&random, length: length, alphabet: Oracle.letters)
            #expect(Levenshtein.distance(a, a) == 0)
            #expect(Levenshtein.distance(a, []) == length && Levenshtein.distance([], a) == length)
            for edits in [1, 3, 20, length / 3] {
                let b = Oracle.mutate(a, &random, edits: edits, alphabet: Oracle.letters)
                let truth = Oracle.levenshtein(a, b)
                #expect(Levenshtein.distance(a, b) == truth && Levenshtein.distance(b, a) == truth, "\(length), \(edits) edits")
            }
            let unrelated = Oracle.string(&random, length: random.int(in: 1...length), alphabet: Oracle.letters)
            let truth = Oracle.levenshtein(a, unrelated)
            #expect(Levenshtein.distance(a, unrelated) == truth && Levenshtein.distance(unrelated, a) == truth, "\(length) unrelated")
        }
        #expect(Levenshtein.distance([UInt32](), []) == 0)
    }

    @Test("a first bound that is too small fails its scan and is raised until the distance is found")
    func boundRaised() {
        var random = SeededRandom(seed: 128)
        for _ in 0..<6 {
            let a = Oracle.string(&random, length: 400, alphabet: Oracle.letters)
            let b = Oracle.string(&random, length: 380, alphabet: Oracle.letters)
            let truth = Oracle.levenshtein(a, b)
            let first = 20 + BoundGuess.first
            // The first scan Levenshtein.distance makes cannot succeed on these.
            #expect(truth > first)
            #expect(scan(a, b, bound: first) != .distance(truth))
            #expect(Levenshtein.distance(a, b) == truth)
        }
    }

    @Test("each next bound grows, stays at most the ceiling, and reaches it")
    func guesses() {
        for (floor, ceiling, columns) in [(0, 1_000, 1_000), (300, 1_000, 700), (0, 65, 65), (5, 5_000, 4_995)] {
            for column in [1, 7, columns / 2, columns] {
                var bound = min(ceiling, floor + BoundGuess.first)
                var raises = 0
                while bound < ceiling {
                    let next = BoundGuess.next(after: bound, floor: floor, gaveUpAt: column, columns: columns, ceiling: ceiling)
                    #expect(next > bound && next <= ceiling)
                    bound = next
                    raises += 1
                    if raises > 64 { Issue.record("no ceiling after 64 raises"); break }
                }
            }
        }
    }
}
