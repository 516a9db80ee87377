import Foundation
import LikenessAnalysis
import Testing

@Suite struct OperatingPointTests {
    @Test("from counts: precision, recall, F1, false-positive rate and the false negatives")
    func counts() {
        let point = OperatingPoint(threshold: 0.5, truePositives: 3, falsePositives: 1, positives: 4, negatives: 5)
        #expect(point.precision == 0.75 && point.recall == 0.75 && abs(point.f1 - 0.75) < 1e-12)
        #expect(point.falsePositiveRate == 0.2)
        #expect(point.truePositives == 3 && point.falsePositives == 1 && point.falseNegatives == 1)
        let unequal = OperatingPoint(threshold: 1, truePositives: 2, falsePositives: 2, positives: 8)
        #expect(abs(unequal.f1 - 2 * 0.5 * 0.25 / 0.75) < 1e-12 && unequal.falsePositiveRate == nil, "no negatives, no rate")
    }

    @Test("calling nothing the same: precision 1, recall 0, F1 0; no negatives: a rate of 0")
    func edges() {
        let none = OperatingPoint(threshold: 9, truePositives: 0, falsePositives: 0, positives: 4, negatives: 0)
        #expect(none.precision == 1 && none.recall == 0 && none.f1 == 0 && none.falsePositiveRate == 0)
        #expect(OperatingPoint.f1(precision: 0, recall: 0) == 0)
        #expect(OperatingPoint(threshold: 0, precision: 0.5, recall: 1).f1 == 2.0 / 3.0, "F1 from the rates unless given")
    }

    @Test("JSON: rates only give the four historical fields; counts and the rate appear when known")
    func json() throws {
        let point = OperatingPoint(threshold: 12, truePositives: 3, falsePositives: 1, positives: 4, negatives: 5)
        func keys(_ value: OperatingPoint) throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(value)) as? [String: Any]
            return Set(try #require(object).keys)
        }
        #expect(try keys(point.rates) == ["threshold", "precision", "recall", "f1"])
        #expect(try keys(point) == ["threshold", "precision", "recall", "f1", "falsePositiveRate", "truePositives", "falsePositives", "falseNegatives"])
        #expect(try JSONDecoder().decode(OperatingPoint.self, from: try JSONEncoder().encode(point)) == point)
    }

    @Test("converted changes the threshold's unit only")
    func converted() {
        let point = OperatingPoint(threshold: -3, truePositives: 1, falsePositives: 0, positives: 2, negatives: 2)
        let distance = point.converted { -$0 }
        #expect(distance.threshold == 3 && distance.f1 == point.f1 && distance.truePositives == 1)
    }

    @Test("a distance histogram and a score calibration give the same point on the same pairs")
    func oneTypeTwoSources() {
        var histogram = DistanceHistogram(maximum: 5)
        let distances = [0, 1, 1, 3, 2, 4, 5], same = [true, true, true, true, false, false, false]
        for (d, s) in zip(distances, same) { histogram.add(distance: d, positive: s) }
        let calibration = ScoreCalibration(scores: distances.map { -Double($0) }, labels: same)
        #expect(histogram.bestF1() == calibration.bestF1.converted { -$0 })
    }
}
