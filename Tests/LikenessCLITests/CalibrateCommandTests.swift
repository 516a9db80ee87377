import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite(.serialized) struct CalibrateCommandTests {
    let folder = TemporaryDirectory("cli-calibrate")

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func choice(_ calibration: [String: Any], _ rule: String) -> [String: Any]? {
        (calibration["choices"] as? [[String: Any]])?.first { $0["rule"] as? String == rule }
    }

    @Test("--scores: separated scores give AUC 1, a best-F1 threshold between the groups with an interval, a saved file; bad rows skipped")
    func scores() throws {
        var rows = ["score,label"]
        for i in 0..<20 { rows.append("\(0.1 + Double(i) * 0.01),different") }
        for i in 0..<20 { rows.append("\(0.8 + Double(i) * 0.01),same") }
        rows.append("oops,same")
        let file = folder.file("scores.csv", bytes: Array(rows.joined(separator: "\n").utf8))
        let saved = folder.child("calibration.json")
        let result = try CLIRunner.run(["calibrate", "--scores", file, "--target-recall", "0.9", "--json", "--save", saved, "--bootstrap", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try object(result.stdout)
        let calibration = try #require(output["calibration"] as? [String: Any])
        #expect(calibration["rocAUC"] as? Double == 1)
        let best = try #require(choice(calibration, "best-f1"))
        #expect((best["threshold"] as? Double).map { $0 > 0.29 && $0 <= 0.8 } == true)
        #expect(best["interval"] is [String: Any])
        #expect(choice(calibration, "target-recall") != nil)
        #expect((output["skipped"] as? [String])?.count == 1)
        let file2 = try object(String(contentsOfFile: saved, encoding: .utf8))
        #expect(file2["rule"] as? String == "target-recall", "a given target is the saved rule")
        #expect(file2["scale"] as? String == "cosine" && file2["version"] as? Int == 1)
    }

    @Test("--pairs: images are embedded; unknown paths and unlabelled rows are reported; 5 pairs need --allow-small and are marked wherever they go")
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
        rows.append("\(folder.child("1.png")),\(folder.child("3.png")),")
        let file = folder.file("pairs.csv", bytes: Array(rows.joined(separator: "\n").utf8))
        let saved = folder.child("small.json"), report = folder.child("small.html")
        let refused = try CLIRunner.run(["calibrate", "--pairs", file, "--bootstrap", "0", "--save", saved])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: only 3 same and 2 different pairs: a threshold needs at least 20 of each"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--allow-small"))
        #expect(!FileManager.default.fileExists(atPath: saved), "nothing saved")

        let result = try CLIRunner.run(["calibrate", "--pairs", file, "--json", "--bootstrap", "0", "--allow-small", "--save", saved, "--html", report])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try object(result.stdout)
        let calibration = try #require(output["calibration"] as? [String: Any])
        #expect(calibration["positives"] as? Int == 3 && calibration["negatives"] as? Int == 2)
        #expect((output["skipped"] as? [String])?.first?.contains("missing.png") == true)
        #expect(result.stderr.contains("1 rows have no label yet"))
        // Marked: in the JSON (the file and a warning), on stderr, in the saved file and in the report.
        #expect((calibration["file"] as? [String: Any])?["smallSample"] as? Bool == true)
        #expect((calibration["warnings"] as? [String])?.first?.hasPrefix("calibrated from only 3 same and 2 different pairs") == true)
        #expect(result.stderr.contains("warning: calibrated from only 3 same and 2 different pairs"))
        #expect(try object(String(contentsOfFile: saved, encoding: .utf8))["smallSample"] as? Bool == true)
        #expect(try String(contentsOfFile: report, encoding: .utf8).contains("<b>Warning:</b> calibrated from only 3 same"))
        let text = try CLIRunner.run(["calibrate", "--pairs", file, "--bootstrap", "0", "--allow-small"])
        #expect(text.status == 0 && text.stderr.contains("warning: calibrated from only 3 same"), "\(text.stderr)")

        // Applying it warns.
        let reference = folder.folder("small-reference"), query = folder.folder("small-query")
        try FileManager.default.copyItem(atPath: folder.child("1.png"), toPath: folder.child("small-reference/1.png"))
        try FileManager.default.copyItem(atPath: folder.child("2.png"), toPath: folder.child("small-query/2.png"))
        let applied = try CLIRunner.run(["novelty", "--reference", reference, "--query", query,
                                         "--catalog", folder.child("small.sqlite"), "--calibration", saved])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stderr.contains("warning: \(saved) was made with --allow-small from only 3 same and 2 different pairs"), "\(applied.stderr)")
    }

    /// Three classes, each a blurred pattern and four edits of it.
    func makeClasses() throws -> String {
        let root = folder.folder("classes")
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        for seed in 1...3 {
            _ = folder.folder("classes/c\(seed)")
            let base = try editor.apply(.blur(sigma: 6), to: Fixtures.pattern(width: 160, height: 120, seed: UInt64(seed * 7)))
            try encoder.write(base, to: folder.child("classes/c\(seed)/0.png"))
            for (n, edit) in [ImageEdit.jpeg(quality: 40), .blur(sigma: 2), .exposure(ev: 0.3), .contrast(factor: 1.2)].enumerated() {
                try encoder.write(try editor.apply(edit, to: base), to: folder.child("classes/c\(seed)/\(n + 1).png"))
            }
        }
        return root
    }

    @Test("--classes with a hash: balanced sampled pairs, a distance threshold, an HTML report with the curves; dupes reads the saved file")
    func classesWithHash() throws {
        let root = try makeClasses()
        let report = folder.child("calibration.html"), saved = folder.child("phash.json")
        let result = try CLIRunner.run(["calibrate", "--classes", root, "--method", "phash", "--pairs-per-kind", "20",
                                        "--html", report, "--save", saved, "--json", "--bootstrap", "30"])
        #expect(result.status == 0, "\(result.stderr)")
        let calibration = try #require(try object(result.stdout)["calibration"] as? [String: Any])
        #expect(calibration["positives"] as? Int == 20 && calibration["negatives"] as? Int == 20)
        #expect(calibration["scale"] as? String == "distance")
        let best = try #require(choice(calibration, "best-f1"))
        #expect((best["threshold"] as? Double).map { $0 >= 0 && $0 <= 64 } == true, "a distance in bits")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<polyline") && html.contains("ROC") && html.contains("precision–recall"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3, "histogram, ROC and PR")
        #expect(!html.contains("http://") && !html.contains("https://"))

        let dupes = try CLIRunner.run(["dupes", root, "--catalog", folder.child("d.sqlite"), "--calibration", saved, "--json"])
        #expect(dupes.status == 0, "\(dupes.stderr)")
        let output = try object(dupes.stdout)
        #expect(output["method"] as? String == "phash")
        #expect(output["threshold"] as? Double == best["threshold"] as? Double)
    }

    @Test("bad requests are refused clearly")
    func refusals() throws {
        let root = try makeClasses()
        let none = try CLIRunner.run(["calibrate", "--classes", folder.child("classes/c1"), "--method", "phash"])
        #expect(none.status != 0 && none.stderr.contains("need at least two class folders"))
        let unknown = try CLIRunner.run(["calibrate", "--classes", root, "--method", "md5"])
        #expect(unknown.status != 0 && unknown.stderr.contains("phash") && unknown.stderr.contains("efficientnet-lite0"))
        let both = try CLIRunner.run(["calibrate", "--classes", root, "--scores", "x.csv"])
        #expect(both.status != 0 && both.stderr.contains("exactly one"))
        let clusters = try CLIRunner.run(["calibrate", "--classes", root, "--method", "phash", "--per-cluster", "2"])
        #expect(clusters.status != 0 && clusters.stderr.contains("embedding model"))
        let garbage = folder.file("garbage.json", bytes: Array("{}".utf8))
        let novelty = try CLIRunner.run(["novelty", "--reference", folder.child("classes/c1"), "--query", folder.child("classes/c2"),
                                         "--catalog", folder.child("n.sqlite"), "--calibration", garbage])
        #expect(novelty.status != 0 && novelty.stderr.contains("not a Likeness calibration"))
    }

    @Test("per-cluster: the default model gives every cluster a threshold; novelty applies a saved cosine calibration")
    func perClusterAndNovelty() throws {
        let root = try makeClasses()
        let saved = folder.child("cosine.json")
        let result = try CLIRunner.run(["calibrate", "--classes", root, "--pairs-per-kind", "20", "--per-cluster", "2", "--save", saved, "--bootstrap", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("cluster  1") && result.stdout.contains("cluster  2"))
        let file = try object(String(contentsOfFile: saved, encoding: .utf8))
        let clusters = try #require(file["clusters"] as? [[String: Any]])
        #expect(clusters.count == 2)
        #expect(clusters.allSatisfy { ($0["centroid"] as? [Double])?.count == 1280 })

        // The other two classes as new images (a query folder that holds the reference is refused).
        let others = folder.folder("others")
        for name in ["c2", "c3"] { try FileManager.default.copyItem(atPath: folder.child("classes/\(name)"), toPath: folder.child("others/\(name)")) }
        let novelty = try CLIRunner.run(["novelty", "--reference", folder.child("classes/c1"), "--query", others,
                                         "--catalog", folder.child("nov.sqlite"), "--calibration", saved, "--json"])
        #expect(novelty.status == 0, "\(novelty.stderr)")
        let queries = try #require(try object(novelty.stdout)["queries"] as? [[String: Any]])
        #expect(queries.count == 10)
        // The thresholds were learned on these very classes, so the other classes are novel.
        let f1 = try #require(file["f1"] as? Double)
        if f1 == 1 { #expect(queries.allSatisfy { $0["novel"] as? Bool == true }, "\(queries)") }
        #expect(queries.allSatisfy { ($0["nearest"] as? String)?.contains("/c1/") == true })
    }

    @Test("sample writes unlabelled pairs and a labelling page; once labelled they calibrate")
    func sampleThenCalibrate() throws {
        let root = try makeClasses()
        let csv = folder.child("to-label.csv"), page = folder.child("label.html")
        let sampled = try CLIRunner.run(["calibrate", "sample", root, "--n", "24", "--csv", csv, "--html", page, "--catalog", folder.child("s.sqlite")])
        #expect(sampled.status == 0, "\(sampled.stderr)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "path_a,path_b,label,similarity")
        #expect(lines.count == 25)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[2].isEmpty })
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("Row 24 ·") && !html.contains(">keep<"))
        // A person labels by class folder.
        func kind(_ path: Substring) -> String { ((String(path) as NSString).deletingLastPathComponent as NSString).lastPathComponent }
        let labelled = [lines[0]] + lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(f[0]),\(f[1]),\(kind(f[0]) == kind(f[1]) ? "same" : "different"),\(f[3])"
        }
        let file = folder.file("labelled.csv", bytes: Array(labelled.joined(separator: "\n").utf8))
        let result = try CLIRunner.run(["calibrate", "--pairs", file, "--json", "--bootstrap", "0", "--allow-small"])
        #expect(result.status == 0, "\(result.stderr)")
        let calibration = try #require(try object(result.stdout)["calibration"] as? [String: Any])
        #expect((calibration["positives"] as? Int ?? 0) + (calibration["negatives"] as? Int ?? 0) == 24)
    }
}
