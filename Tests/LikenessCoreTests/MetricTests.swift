import Foundation
import LikenessCore
import Testing

@Suite struct MetricTests {
    let x: [Float] = [1, 2, 3], y: [Float] = [4, 0, 3]

    @Test("cosine, dot and the Minkowski family on a pair worked by hand")
    func byHand() throws {
        // Differences −3, 2, 0; x·y = 4 + 0 + 9; ‖x‖² = 14, ‖y‖² = 25.
        #expect(try Metric.dot.measure(x, y) == 13)
        #expect(abs(try Metric.cosine.measure(x, y) - 13 / (14.0.squareRoot() * 5)) < 1e-15)
        #expect(try Metric.squaredEuclidean.measure(x, y) == 13)
        #expect(abs(try Metric.euclidean.measure(x, y) - 13.0.squareRoot()) < 1e-15)
        #expect(try Metric.manhattan.measure(x, y) == 5)
        #expect(try Metric.chebyshev.measure(x, y) == 3)
        #expect(abs(try Metric.minkowski(p: 3).measure(x, y) - pow(35.0, 1.0 / 3)) < 1e-12)
    }

    @Test("Pearson and Spearman on a pair worked by hand")
    func correlations() throws {
        // Centred x: −1, 0, 1; centred y: 5/3, −7/3, 2/3: covariance sum −1, variances 2 and 78/9.
        #expect(abs(try Metric.pearson.measure(x, y) - (-3 / 156.0.squareRoot())) < 1e-14)
        // Ranks 1, 2, 3 against 3, 1, 2: centred sums −1 over √(2 · 2).
        #expect(abs(try Metric.spearman.measure(x, y) - (-0.5)) < 1e-14)
        // A monotone but non-linear pair: Spearman 1, Pearson below 1.
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [1, 8, 27, 64]
        #expect(abs(try Metric.spearman.measure(a, b) - 1) < 1e-12)
        #expect(try Metric.pearson.measure(a, b) < 0.99)
    }

    @Test("ties share the mean of the ranks they span")
    func tiedRanks() throws {
        #expect(TiedRanks.of([10, 20, 10, 30]) == [1.5, 3, 1.5, 4])
        #expect(TiedRanks.of([5, 5, 5]) == [2, 2, 2])
        // With ties, Spearman is the Pearson correlation of those ranks.
        // Ranks 1.5, 1.5, 3, 4 and 3, 1.5, 1.5, 4; centred −1, −1, 0.5, 1.5 and 0.5, −1, −1, 1.5:
        // 2.25 / √(4.5 · 4.5) = 0.5.
        let a: [Float] = [1, 1, 2, 3], b: [Float] = [2, 1, 1, 4]
        #expect(TiedRanks.of(b) == [3, 1.5, 1.5, 4])
        #expect(abs(try Metric.spearman.measure(a, b) - 0.5) < 1e-12)
    }

    @Test("Jaccard, χ², Hamming and the 1-D EMD on histograms worked by hand")
    func histograms() throws {
        // min: 1 + 1 + 0, max: 2 + 2 + 1.
        #expect(abs(try Metric.jaccard.measure([1, 2, 0], [2, 1, 1]) - 0.4) < 1e-15)
        #expect(try Metric.jaccard.measure([0, 0], [0, 0]) == 1)
        // ½ (4/4 + 0 + 4/4).
        #expect(try Metric.chiSquare.measure([1, 0, 3], [3, 0, 1]) == 1)
        #expect(try Metric.hamming.measure([0, 1, 1, 0], [1, 1, 0, 0]) == 2)
        // All the mass moves two bins; half moves one bin each way.
        #expect(try Metric.emd.measure([1, 0, 0], [0, 0, 1]) == 2)
        #expect(try Metric.emd.measure([0.5, 0.5, 0], [0, 0.5, 0.5]) == 1)
        // Per unit of mass: the same shapes at twice the mass give the same distance.
        #expect(try Metric.emd.measure([2, 0, 0], [0, 0, 2]) == 2)
        let a = BitHash(bits: [true, false, true, true]), b = BitHash(bits: [false, false, true, false])
        #expect(try Metric.jaccard.measure(a, b) == 1.0 / 3)
        #expect(try Metric.hamming.measure(a, b) == 2)
    }

    @Test("the transportation solver on problems worked by hand")
    func transportation() throws {
        let identity = try Transportation(supplyCount: 2, demandCount: 2, cost: [0, 1, 1, 0])
        #expect(try identity.solve(supply: [0.5, 0.5], demand: [0.5, 0.5]).distance == 0)
        let crossing = try Transportation(supplyCount: 2, demandCount: 2, cost: [3, 1, 1, 3])
        #expect(abs(try crossing.solve(supply: [0.5, 0.5], demand: [0.5, 0.5]).distance - 1) < 1e-12)
        // Flows f11 = t, f12 = 0.2 − t, f21 = 0.6 − t, f22 = 0.2 + t cost 2.4 − 3t, least at t = 0.2.
        let skewed = try Transportation(supplyCount: 2, demandCount: 2, cost: [1, 2, 3, 1])
        let solved = try skewed.solve(supply: [0.2, 0.8], demand: [0.6, 0.4])
        #expect(abs(solved.distance - 1.8) < 1e-6)
        let expectedFlow = [0.2, 0, 0.4, 0.4]
        for (f, e) in zip(solved.flow, expectedFlow) { #expect(abs(f - e) < 1e-6) }
        // A 3 × 2 problem: supply bins at 0, 1, 2 and demand bins at 0.5, 1.5 on a line.
        let uneven = try Transportation(supplyCount: 3, demandCount: 2, cost: [0.5, 1.5, 0.5, 0.5, 1.5, 0.5])
        #expect(abs(try uneven.solve(supply: [1, 1, 1], demand: [1.5, 1.5]).distance - 0.5) < 1e-12)
    }

    @Test("the general solver on the line ground distance agrees with the 1-D closed form")
    func solverMatchesClosedForm() throws {
        var random = SeededRandom(seed: 20)
        for bins in [2, 5, 16, 40] {
            let line = try Transportation.line(bins: bins)
            for _ in 0..<10 {
                let a = histogram(bins, &random), b = histogram(bins, &random)
                let closed = try Metric.emd.measure(a, b)
                let general = try line.solve(supply: a, demand: b)
                #expect(abs(general.distance - closed) <= 1e-9 * max(1, closed))
                // The flow moves all of each histogram: rows sum to the supply, columns to the demand.
                let massA = a.reduce(0.0) { $0 + Double($1) }
                for i in 0..<bins {
                    let row = (0..<bins).reduce(0.0) { $0 + general.flow[i * bins + $1] }
                    #expect(abs(row - Double(a[i]) / massA) < 1e-9)
                }
            }
        }
    }

    @Test("symmetry and identity on seeded random vectors")
    func symmetryAndIdentity() throws {
        var random = SeededRandom(seed: 7)
        for _ in 0..<20 {
            let a = histogram(12, &random), b = histogram(12, &random)
            for metric in Metric.allNamed where metric != .hamming {
                #expect(abs(try metric.measure(a, b) - metric.measure(b, a)) <= 1e-12 * max(1, abs(try metric.measure(a, b))))
                let own = try metric.measure(a, a)
                switch metric {
                case .cosine, .pearson, .spearman, .jaccard: #expect(abs(own - 1) < 1e-12)
                case .dot: #expect(abs(own - a.reduce(0.0) { $0 + Double($1) * Double($1) }) < 1e-12)
                default: #expect(own == 0)
                }
            }
        }
    }

    @Test("the triangle inequality holds for the true metrics and fails for squared Euclidean")
    func triangle() throws {
        var random = SeededRandom(seed: 11)
        let distances: [Metric] = [.euclidean, .manhattan, .chebyshev, .minkowski(p: 3), .minkowski(p: 1.5), .emd]
        for _ in 0..<50 {
            let a = histogram(8, &random), b = histogram(8, &random), c = histogram(8, &random)
            for metric in distances {
                #expect(try metric.measure(a, c) <= metric.measure(a, b) + metric.measure(b, c) + 1e-12)
            }
            // The Jaccard distance 1 − J is a metric on non-negative vectors (Ružička).
            let j = { (p: [Float], q: [Float]) throws in 1 - (try Metric.jaccard.measure(p, q)) }
            #expect(try j(a, c) <= j(a, b) + j(b, c) + 1e-12)
        }
        // On a line: 0 → 1 → 2 gives 4 > 1 + 1.
        #expect(try Metric.squaredEuclidean.measure([0], [2]) > Metric.squaredEuclidean.measure([0], [1]) + Metric.squaredEuclidean.measure([1], [2]))
    }

    @Test("Minkowski is Manhattan at p = 1, Euclidean at p = 2 and tends to Chebyshev")
    func minkowskiFamily() throws {
        var random = SeededRandom(seed: 3)
        let a = histogram(10, &random), b = histogram(10, &random)
        #expect(try Metric.minkowski(p: 1).measure(a, b) == Metric.manhattan.measure(a, b))
        #expect(try Metric.minkowski(p: 2).measure(a, b) == Metric.euclidean.measure(a, b))
        let chebyshev = try Metric.chebyshev.measure(a, b)
        let large = try Metric.minkowski(p: 400).measure(a, b)
        #expect(large >= chebyshev && large < chebyshev * 1.01)
        #expect(try Metric.minkowski(p: 1.5).measure(a, b) > Metric.euclidean.measure(a, b))
    }

    @Test("inputs a metric does not fit are typed errors")
    func errors() {
        #expect(throws: MetricError.negativeValue(.jaccard, position: 1, value: -1)) { try Metric.jaccard.measure([1, -1], [1, 1]) }
        #expect(throws: MetricError.negativeValue(.chiSquare, position: 0, value: -2)) { try Metric.chiSquare.measure([1, 1], [-2, 1]) }
        #expect(throws: MetricError.unequalMass(1, 2)) { try Metric.emd.measure([1, 0], [1, 1]) }
        #expect(throws: MetricError.unequalLengths(2, 3)) { try Metric.emd.measure([1, 0], [1, 0, 0]) }
        #expect(throws: MetricError.notBinary(position: 0, value: 0.5)) { try Metric.hamming.measure([0.5], [1]) }
        #expect(throws: MetricError.constantVector) { try Metric.pearson.measure([2, 2, 2], [1, 2, 3]) }
        #expect(throws: MetricError.constantVector) { try Metric.spearman.measure([1, 2, 3], [4, 4, 4]) }
        #expect(throws: MetricError.empty(.cosine)) { try Metric.cosine.measure([], []) }
        #expect(throws: MetricError.nonFinite(position: 1)) { try Metric.euclidean.measure([0, .nan], [0, 0]) }
        #expect(throws: MetricError.self) { try Metric.minkowski(p: 0.5).measure([1], [2]) }
        #expect(throws: MetricError.self) { try Metric.cosine.measure(BitHash(bits: [true]), BitHash(bits: [false])) }
        #expect(throws: MetricError.self) { try Transportation(supplyCount: 2, demandCount: 2, cost: [0, 1, -1, 0]) }
        #expect(throws: MetricError.self) { try Transportation(supplyCount: 2, demandCount: 2, cost: [0, 1, 1]) }
    }

    @Test("names parse back to their metric, aliases included, and unknown names list the valid ones")
    func naming() throws {
        for metric in Metric.allNamed {
            #expect(try Metric(parsing: metric.name.uppercased()) == metric)
            let json = try JSONEncoder().encode([metric])
            #expect(try JSONDecoder().decode([Metric].self, from: json) == [metric])
        }
        #expect(try Metric(parsing: "l2") == .euclidean)
        #expect(try Metric(parsing: "cityblock") == .manhattan)
        #expect(try Metric(parsing: " minkowski:2.5 ") == .minkowski(p: 2.5))
        #expect(Metric.minkowski(p: 2.5).name == "minkowski:2.5")
        #expect(throws: MetricError.self) { try Metric(parsing: "minkowski:0.5") }
        #expect(throws: MetricError.self) { try Metric(parsing: "minkowski") }
        do { _ = try Metric(parsing: "canberra"); Issue.record("canberra parsed") } catch {
            guard case .unknownName(_, let valid) = error else { Issue.record("wrong error \(error)"); return }
            #expect(valid.contains("chi2") && valid.contains("minkowski:P"))
        }
    }

    @Test("a metric fits a kind of feature by type")
    func fitting() {
        #expect(!Metric.hamming.fits(.real))
        #expect(Metric.hamming.fits(.bits) && Metric.jaccard.fits(.bits))
        #expect(!Metric.emd.fits(.real) && !Metric.emd.fits(.histogram) && Metric.emd.fits(.orderedHistogram))
        #expect(!Metric.jaccard.fits(.real) && Metric.jaccard.fits(.nonNegative) && Metric.chiSquare.fits(.histogram))
        #expect(!Metric.cosine.fits(.bits) && Metric.cosine.fits(.real))
        #expect(throws: MetricError.self) { try Metric.hamming.requireFit(.real, method: "efficientnet-lite0") }
        let message = MetricError.doesNotFit(.emd, kind: .real, method: "efficientnet-lite0").description
        #expect(message.contains("efficientnet-lite0") && message.contains("cosine") && !message.contains("emd,"))
    }

    /// A non-negative random histogram of unit mass with some empty bins.
    func histogram(_ bins: Int, _ random: inout SeededRandom) -> [Float] {
        var raw = (0..<bins).map { _ in random.nextUnit() < 0.2 ? 0 : random.nextUnit() }
        if raw.allSatisfy({ $0 == 0 }) { raw[0] = 1 }
        let total = raw.reduce(0, +)
        return raw.map { Float($0 / total) }
    }
}
