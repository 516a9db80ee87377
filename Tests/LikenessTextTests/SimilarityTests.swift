import LikenessCore
import LikenessText
import Testing

@Suite struct SimilarityTests {
    @Test("Jaro and Jaro–Winkler: Winkler's textbook pairs")
    func jaroTextbook() {
        #expect(abs(Jaro.similarity("MARTHA", "MARHTA") - 17.0 / 18.0) < 1e-12)
        #expect(abs(JaroWinkler.similarity("MARTHA", "MARHTA") - 0.961_111_111) < 1e-6)
        #expect(abs(Jaro.similarity("DWAYNE", "DUANE") - 37.0 / 45.0) < 1e-12)
        #expect(abs(JaroWinkler.similarity("DWAYNE", "DUANE") - 0.84) < 1e-12)
        #expect(abs(Jaro.similarity("DIXON", "DICKSONX") - 23.0 / 30.0) < 1e-12)
        #expect(abs(JaroWinkler.similarity("DIXON", "DICKSONX") - 0.813_333_333) < 1e-6)
        #expect(Jaro.similarity("", "") == 1 && Jaro.similarity("a", "") == 0 && Jaro.similarity("ab", "cd") == 0)
    }

    @Test("bit-parallel Jaro equals the textbook loops across word boundaries, for ASCII and non-ASCII")
    func jaroMatchesOracle() {
        var random = SeededRandom(seed: 31)
        let lengths = [1, 2, 3, 7, 40, 63, 64, 65, 100, 128, 129, 250, 400]
        for alphabet in [Oracle.dna, Oracle.letters, Oracle.mixed] {
            for la in lengths {
                for lb in [lengths[random.int(in: 0..<lengths.count)], la] {
                    let a = Oracle.string(&random, length: la, alphabet: alphabet)
                    let b = lb == la ? Oracle.mutate(a, &random, edits: random.int(in: 0...(la / 4 + 1)), alphabet: alphabet)
                        : Oracle.string(&random, length: lb, alphabet: alphabet)
                    #expect(abs(Jaro.similarity(a, b) - Oracle.jaro(a, b)) < 1e-12, "\(la) vs \(b.count)")
                }
            }
        }
    }

    @Test("Jaro and Levenshtein over hundreds of distinct scalars above 255 (the pattern's hash rows), long common prefixes and long tails")
    func wideAlphabets() {
        var random = SeededRandom(seed: 47)
        // 700 CJK ideographs and 100 ASCII and Latin-1 scalars: most rows found by hashing, with collisions.
        let ideographs: [UInt32] = (0..<700).map { UInt32(0x4E00 + 37 * $0) }
        let latin: [UInt32] = (0..<100).map { UInt32(32 + 2 * $0) }
        let wide = ideographs + latin
        for _ in 0..<40 {
            let a: [UInt32] = Oracle.string(&random, length: random.int(in: 1...300), alphabet: wide)
            var b: [UInt32]
            if random.int(in: 0..<2) == 0 {
                // The same prefix, then a mutated rest.
                let shared = random.int(in: 0...a.count)
                b = Array(a.prefix(shared))
                b += Oracle.mutate(Array(a.dropFirst(shared)), &random, edits: random.int(in: 0...20), alphabet: wide)
            } else {
                // A few scalars, then `a`, then a tail far beyond |a| + window.
                b = Oracle.string(&random, length: random.int(in: 1...20), alphabet: wide)
                b += a
                b += Oracle.string(&random, length: 400, alphabet: wide)
            }
            #expect(abs(Jaro.similarity(a, b) - Oracle.jaro(a, b)) < 1e-12, "\(a.count) vs \(b.count)")
            #expect(abs(Jaro.similarity(b, a) - Oracle.jaro(b, a)) < 1e-12, "\(b.count) vs \(a.count)")
            #expect(Levenshtein.distance(a, b) == Oracle.levenshtein(a, b))
        }
    }

    @Test("Jaro–Winkler boosts only above 0.7 and by at most 4 prefix scalars")
    func winklerBoost() {
        var random = SeededRandom(seed: 3)
        for _ in 0..<300 {
            let a = Oracle.string(&random, length: random.int(in: 1...20), alphabet: Oracle.letters)
            let b = Oracle.mutate(a, &random, edits: random.int(in: 0...6), alphabet: Oracle.letters)
            let (jaro, winkler) = (Jaro.similarity(a, b), JaroWinkler.similarity(a, b))
            var prefix = 0
            while prefix < min(4, a.count, b.count) && a[prefix] == b[prefix] { prefix += 1 }
            let expected = jaro > 0.7 ? jaro + Double(prefix) * 0.1 * (1 - jaro) : jaro
            #expect(abs(winkler - expected) < 1e-12)
            #expect(winkler >= jaro && winkler <= 1)
            #expect(abs(jaro - Jaro.similarity(b, a)) < 1e-12, "Jaro is symmetric")
            #expect(Jaro.similarity(a, a) == 1)
        }
    }

    @Test("shingle Jaccard: textbook sets, short strings, and 1 − J obeys the triangle inequality")
    func shingleJaccard() throws {
        let bigrams = try ShingleJaccard(k: 2)
        #expect(bigrams.similarity("abcd", "bcde") == 0.5)
        #expect(bigrams.similarity("", "") == 1 && bigrams.similarity("a", "") == 0)
        #expect(try ShingleJaccard(k: 5).similarity("abc", "abc") == 1)
        #expect(bigrams.similarity("aaaa", "aa") == 1, "sets, not multisets")
        #expect(throws: TextMetricError.self) { try ShingleJaccard(k: 0) }
        var random = SeededRandom(seed: 11)
        for _ in 0..<100 {
            let a = Oracle.string(&random, length: 15, alphabet: Oracle.dna)
            let b = Oracle.mutate(a, &random, edits: 3, alphabet: Oracle.dna)
            let c = Oracle.mutate(b, &random, edits: 3, alphabet: Oracle.dna)
            let d = { (x: [UInt32], y: [UInt32]) in 1 - bigrams.similarity(x, y) }
            #expect(d(a, c) <= d(a, b) + d(b, c) + 1e-12)
            #expect(bigrams.similarity(a, b) == bigrams.similarity(b, a))
        }
    }

    @Test("strings are Unicode scalars, on the ASCII fast path and off it")
    func scalars() throws {
        for text in ["plain ascii", "café", "e\u{301}", "漢字😀", ""] {
            #expect(ScalarText.scalars(text) == text.unicodeScalars.map(\.value))
            #expect(ScalarText.scalars(text.dropFirst()) == text.dropFirst().unicodeScalars.map(\.value))
            #expect(ScalarText.withScalars(text) { Array($0) } == text.unicodeScalars.map(\.value))
            #expect(ScalarText.withScalars(text.dropFirst()) { Array($0) } == text.dropFirst().unicodeScalars.map(\.value))
        }
        let jaroWinkler = try TextComparer(metric: .jaroWinkler)
        let (a, b) = ("漢字😀abc", "漢字abc😀")
        #expect(try jaroWinkler.score(a, b) == jaroWinkler.score(ScalarText.scalars(a), ScalarText.scalars(b)), "strings and arrays agree")
        #expect(Levenshtein.distance("é", "e\u{301}") == 2, "no normalisation: one scalar against two")
    }

    @Test("metric names parse once; unknown names list the valid ones; scores normalise as documented")
    func metricsAndScores() throws {
        #expect(try TextMetric(parsing: "Damerau-OSA") == .damerauOSA)
        #expect(throws: UnknownNameError.self) { try TextMetric(parsing: "soundex") }
        let lev = try TextComparer(metric: .levenshtein)
        #expect(try lev.score("kitten", "sitting") == TextScore(distance: 3, similarity: 1 - 3.0 / 7.0))
        #expect(try lev.score("", "") == TextScore(distance: 0, similarity: 1))
        let jw = try TextComparer(metric: .jaroWinkler)
        let score = try jw.score("MARTHA", "MARHTA")
        #expect(abs(score.distance - (1 - score.similarity)) < 1e-15)
        #expect(throws: TextMetricError.self) { try TextComparer(metric: .hamming).score("ab", "abc") }
        // The length bound never promises less than the true score.
        var random = SeededRandom(seed: 12)
        for metric in [TextMetric.levenshtein, .damerauOSA, .damerau] {
            let comparer = try TextComparer(metric: metric)
            for _ in 0..<50 {
                let a = Oracle.string(&random, length: random.int(in: 0...30), alphabet: Oracle.letters)
                let b = Oracle.string(&random, length: random.int(in: 0...30), alphabet: Oracle.letters)
                let bound = try #require(comparer.bestPossible(lengths: (a.count, b.count)))
                let score = try comparer.score(a, b)
                #expect(bound.distance <= score.distance && bound.similarity >= score.similarity)
            }
        }
        #expect(jw.bestPossible(lengths: (3, 9)) == nil)
        #expect(TextMetric.allCases.filter(\.isEditDistance) == [.levenshtein, .damerauOSA, .damerau, .hamming])
    }
}
