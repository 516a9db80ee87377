import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct CalibrationFileTests {
    let folder = TemporaryDirectory("calibration-file")

    func file(clusters: [[Float]]? = nil, fingerprint: String? = "0123456789abcdef") -> CalibrationFile {
        CalibrationFile(method: "mean-colour", modelFingerprint: fingerprint, scale: .cosine, rule: .bestF1,
                        point: OperatingPoint(threshold: 0.8, truePositives: 9, falsePositives: 1, positives: 10, negatives: 10),
                        positives: 10, negatives: 10, interval: .init(low: 0.7, high: 0.85),
                        clusters: clusters.map { $0.map { .init(centroid: $0, threshold: 0.75, positives: 5, negatives: 5, f1: 0.9) } })
    }

    @Test("save and load round-trip; the file is flat JSON as before; the loaded copy knows its path")
    func roundTrip() throws {
        let original = file(clusters: [[1, 0, 0], [0, 1, 0]])
        let path = folder.child("c.json")
        try original.save(path)
        var loaded = try CalibrationFile.load(path)
        #expect(loaded.path == path)
        loaded.path = nil
        #expect(loaded == original)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(object["threshold"] as? Double == 0.8 && object["precision"] as? Double == 0.9 && object["f1"] != nil)
        #expect(object["point"] == nil && object["path"] == nil && object["truePositives"] == nil)
    }

    @Test("load refuses a missing file, non-calibrations, other versions and mixed centroid lengths, naming the file")
    func loadErrors() throws {
        let missing = folder.child("missing.json")
        #expect(throws: CalibrationFile.LoadError.unreadable(path: missing)) { try CalibrationFile.load(missing) }
        let empty = folder.file("empty.json", bytes: Array("{}".utf8))
        #expect(throws: CalibrationFile.LoadError.malformed(path: empty, reason: "no version field")) { try CalibrationFile.load(empty) }
        var newer = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(file())) as! [String: Any]
        newer["version"] = 2
        let newerPath = folder.file("newer.json", bytes: Array(try JSONSerialization.data(withJSONObject: newer)))
        #expect(throws: CalibrationFile.LoadError.newerVersion(path: newerPath, version: 2)) { try CalibrationFile.load(newerPath) }
        newer["version"] = 0
        let zeroPath = folder.file("zero.json", bytes: Array(try JSONSerialization.data(withJSONObject: newer)))
        #expect(throws: CalibrationFile.LoadError.malformed(path: zeroPath, reason: "version 0")) { try CalibrationFile.load(zeroPath) }
        let mixed = folder.child("mixed.json")
        try file(clusters: [[1, 0, 0], [0, 1]]).save(mixed)
        #expect(throws: CalibrationFile.LoadError.centroidLength(path: mixed, cluster: 2, expected: 3, found: 2)) { try CalibrationFile.load(mixed) }
        let error = CalibrationFile.LoadError.centroidLength(path: mixed, cluster: 2, expected: 3, found: 2)
        #expect(error.description.contains(mixed) && error.description.contains("3") && error.description.contains("2"))
    }

    @Test("validation refuses numbers that are not finite")
    func finite() {
        var nan = file()
        nan.threshold = .nan
        #expect(throws: CalibrationFile.LoadError.notFinite(path: "calibration", field: "threshold")) { try nan.validate() }
        var cluster = file(clusters: [[1, 0, 0]])
        cluster.clusters![0].threshold = .infinity
        cluster.path = "x.json"
        #expect(throws: CalibrationFile.LoadError.notFinite(path: "x.json", field: "clusters[1].threshold")) { try cluster.validate() }
        var centroid = file(clusters: [[1, .nan, 0]])
        centroid.path = "x.json"
        #expect(throws: CalibrationFile.LoadError.notFinite(path: "x.json", field: "clusters[1].centroid")) { try centroid.validate() }
    }

    @Test("checked(for:) takes only a cosine calibration of the same model, weights and dimension")
    func checkedForModel() throws {
        var good = file(clusters: [[1, 0, 0]])
        good.path = "c.json"
        #expect(try good.checked(for: MeanColourModel()) == good)
        #expect(throws: CalibrationFile.LoadError.wrongMethod(path: "c.json", calibrated: "mean-colour", requested: "other")) {
            try good.checked(for: MeanColourModel(id: "other"))
        }
        #expect(throws: CalibrationFile.LoadError.wrongFingerprint(path: "c.json", expected: "ffff", found: "0123456789abcdef")) {
            try good.checked(for: MeanColourModel(fingerprint: "ffff"))
        }
        var unrecorded = file(fingerprint: nil)
        unrecorded.path = "c.json"
        #expect(try unrecorded.checked(for: MeanColourModel(fingerprint: "ffff")).modelFingerprint == nil, "no saved weights, nothing to compare")
        var wide = file(clusters: [[1, 0, 0, 0]])
        wide.path = "c.json"
        #expect(throws: CalibrationFile.LoadError.centroidLength(path: "c.json", cluster: 1, expected: 3, found: 4)) {
            try wide.checked(for: MeanColourModel())
        }
        var hash = file()
        hash.scale = .distance
        hash.path = "c.json"
        #expect(throws: CalibrationFile.LoadError.wrongScale(path: "c.json", scale: .distance, needed: .cosine)) {
            try hash.checked(for: MeanColourModel())
        }
    }

    @Test("per-cluster thresholds: the nearest centroid's; a vector of another length gets the global one instead of a crash")
    func perCluster() {
        var calibration = file(clusters: [[1, 0, 0], [0, 1, 0]])
        calibration.clusters![1].threshold = 0.6
        #expect(calibration.threshold(for: [0.1, 0.9, 0]) == 0.6)
        #expect(calibration.threshold(for: [0.9, 0.1, 0]) == 0.75)
        #expect(calibration.threshold(for: [0, 1]) == 0.8)
        #expect(calibration.threshold(for: nil) == 0.8)
    }
}
