import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite(.serialized) struct CalibrateCommandTests {
    let folder = TemporaryDirectory("cli-calibrate")

    @Test("--scores: perfectly separated scores give AUC 1 and a threshold between the groups; bad rows are skipped")
    func scores() throws {
        var rows = ["score,label"]
        for i in 0..<20 { rows.append("\(0.1 + Double(i) * 0.01),different") }
        for i in 0..<20 { rows.append("\(0.8 + Double(i) * 0.01),same") }
        rows.append("oops,same")
        let file = folder.file("scores.csv", bytes: Array(rows.joined(separator: "\n").utf8))
        let saved = folder.child("calibration.json")
        let result = try CLIRunner.run(["calibrate", "--scores", file, "--target-recall", "0.9", "--json", "--save", saved])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let calibration = try #require(output["calibration"] as? [String: Any])
        #expect(calibration["rocAUC"] as? Double == 1)
        let best = try #require(calibration["bestF1"] as? [String: Any])
        #expect((best["threshold"] as? Double).map { $0 > 0.29 && $0 <= 0.8 } == true)
        #expect((output["skipped"] as? [String])?.count == 1)
        #expect(FileManager.default.fileExists(atPath: saved))
    }

    @Test("--pairs: images are embedded; an unknown path is reported and skipped")
    func pairs() throws {
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        for seed in 1...3 {
            let image = try editor.apply(.blur(sigma: 8), to: Fixtures.pattern(width: 200, height: 150, seed: UInt64(seed)))
            try encoder.write(image, to: folder.child("\(seed).png"))
            try encoder.write(image, to: folder.child("\(seed)-copy.jpg") + "[Q=85]")
        }
        var rows = ["path_a,path_b,label"]
        for seed in 1...3 { rows.append("\(folder.child("\(seed).png")),\(folder.child("\(seed)-copy.jpg")),same") }
        rows.append("\(folder.child("1.png")),\(folder.child("2.png")),different")
        rows.append("\(folder.child("2.png")),\(folder.child("3-copy.jpg")),different")
        rows.append("\(folder.child("missing.png")),\(folder.child("1.png")),same")
        let file = folder.file("pairs.csv", bytes: Array(rows.joined(separator: "\n").utf8))
        let result = try CLIRunner.run(["calibrate", "--pairs", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let calibration = try #require(output["calibration"] as? [String: Any])
        #expect(calibration["positives"] as? Int == 3 && calibration["negatives"] as? Int == 2)
        #expect((output["skipped"] as? [String])?.first?.contains("missing.png") == true)
    }
}
