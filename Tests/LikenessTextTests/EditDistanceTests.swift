import LikenessCore
import LikenessText
import Testing

@Suite struct EditDistanceTests {
    @Test("bit-parallel Levenshtein equals the DP oracle across the 64-scalar word boundaries, for ASCII and non-ASCII")
    func levenshteinMatchesOracle() {
        var random = SeededRandom(seed: 20)
        let lengths = [0, 1, 2, 5, 31, 63, 64, 65, 100, 127, 128, 129, 200, 300]
        for alphabet in [Oracle.dna, Oracle.letters, Oracle.mixed] {
            for la in lengths {
                let lb = lengths[random.int(in: 0..<lengths.count)]
                let a = Oracle.string(&random, length: la, alphabet: alphabet)
                let b = Oracle.string(&random, length: lb, alphabet: alphabet)
                #expect(Levenshtein.distance(a, b) == Oracle.levenshtein(a, b), "\(la) vs \(lb)")
                // Near copies: the distance is small and the prefix/suffix trimming matters.
                let c = Oracle.mutate(a, &random, edits: random.int(in: 0...6), alphabet: alphabet)
                #expect(Levenshtein.distance(a, c) == Oracle.levenshtein(a, c), "\(la) mutated")
            }
        }
    }

    @Test("textbook values")
    func textbook() throws {
        #expect(Levenshtein.distance("kitten", "sitting") == 3)
        #expect(Levenshtein.distance("flaw", "lawn") == 2)
        #expect(Levenshtein.distance("", "abc") == 3)
        #expect(Levenshtein.distance("café", "cafe") == 1)
        #expect(OptimalStringAlignment.distance("ca", "abc") == 3)
        #expect(DamerauLevenshtein.distance("ca", "abc") == 2)
        #expect(OptimalStringAlignment.distance("abcdef", "abdcef") == 1)
        #expect(DamerauLevenshtein.distance("abcdef", "abdcef") == 1)
        #expect(Levenshtein.distance("abcdef", "abdcef") == 2)
        #expect(try Hamming.distance("karolin", "kathrin") == 3)
        #expect(try Hamming.distance("1011101", "1001001") == 2)
        #expect(throws: TextMetricError.unequalLengths(3, 4)) { try Hamming.distance("abc", "abcd") }
    }

    @Test("identity, symmetry, the ordering Damerau ≤ OSA ≤ Levenshtein, and the triangle inequality where it holds")
    func properties() throws {
        var random = SeededRandom(seed: 7)
        for round in 0..<150 {
            let alphabet = [Oracle.dna, Oracle.letters, Oracle.mixed][round % 3]
            let a = Oracle.string(&random, length: random.int(in: 0...40), alphabet: alphabet)
            let b = Oracle.mutate(a, &random, edits: random.int(in: 0...8), alphabet: alphabet)
            let c = Oracle.mutate(b, &random, edits: random.int(in: 0...8), alphabet: alphabet)
            for (x, y) in [(a, b), (b, c), (a, c)] {
                let (lev, osa, dam) = (Levenshtein.distance(x, y), OptimalStringAlignment.distance(x, y), DamerauLevenshtein.distance(x, y))
                #expect(dam <= osa && osa <= lev)
                #expect(lev == Levenshtein.distance(y, x) && osa == OptimalStringAlignment.distance(y, x) && dam == DamerauLevenshtein.distance(y, x))
                #expect((lev == 0) == (x == y) && (dam == 0) == (x == y))
            }
            #expect(Levenshtein.distance(a, c) <= Levenshtein.distance(a, b) + Levenshtein.distance(b, c))
            #expect(DamerauLevenshtein.distance(a, c) <= DamerauLevenshtein.distance(a, b) + DamerauLevenshtein.distance(b, c))
            let (p, q, r) = (Oracle.string(&random, length: 12, alphabet: alphabet), Oracle.string(&random, length: 12, alphabet: alphabet), Oracle.string(&random, length: 12, alphabet: alphabet))
            #expect(try Hamming.distance(p, r) <= Hamming.distance(p, q) + Hamming.distance(q, r))
            #expect(try Hamming.distance(p, q) == Hamming.distance(q, p))
        }
    }

    @Test("OSA is not a metric: the triangle inequality fails on CA → AC → ABC")
    func osaTriangle() {
        let direct = OptimalStringAlignment.distance("ca", "abc")
        let viaAC = OptimalStringAlignment.distance("ca", "ac") + OptimalStringAlignment.distance("ac", "abc")
        #expect(direct == 3 && viaAC == 2)
        #expect(DamerauLevenshtein.distance("ca", "abc") <= viaAC)
    }
}
