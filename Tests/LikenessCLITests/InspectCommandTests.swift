import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

/// `likeness inspect` end to end: JSON with every issue type, its rule and threshold; CSV; the HTML
/// galleries; the refusals.
@Suite struct InspectCommandTests {
    let folder = TemporaryDirectory("cli-inspect")

    func makeSet() throws -> String {
        let root = folder.folder("set")
        let encoder = try ImageEncoder()
        for seed in 1...6 { try encoder.write(Fixtures.texture(width: 120, height: 90, seed: UInt64(60 + seed)), to: folder.child("set/photo\(seed).png")) }
        try encoder.write(Fixtures.solid(width: 120, height: 90, rgb: (0, 0, 0)), to: folder.child("set/black.png"))
        try encoder.write(Fixtures.texture(width: 300, height: 30, seed: 70), to: folder.child("set/strip.png"))
        return root
    }

    @Test("inspect --json has every issue type with its rule, threshold, count and images worst first")
    func json() throws {
        let result = try CLIRunner.run(["inspect", try makeSet(), "--catalog", folder.child("i.sqlite"), "--json", "--k", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["images"] as? Int == 8)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let byIssue = Dictionary(uniqueKeysWithValues: findings.compactMap { f in (f["issue"] as? String).map { ($0, f) } })
        #expect(Set(byIssue.keys) == ["dark", "bright", "blurry", "low-information", "greyscale", "odd-aspect-ratio", "odd-size",
                                      "outlier", "exact-duplicate", "near-duplicate"])
        let dark = try #require(byIssue["dark"])
        #expect(dark["count"] as? Int == 1 && dark["below"] as? Double == 50 && (dark["rule"] as? String)?.contains("50") == true)
        let darkImages = try #require(dark["images"] as? [[String: Any]])
        #expect((darkImages.first?["path"] as? String)?.hasSuffix("black.png") == true)
        let aspect = try #require(byIssue["odd-aspect-ratio"]?["images"] as? [[String: Any]])
        #expect(aspect.compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } } == ["strip.png"])
        #expect((byIssue["outlier"]?["rule"] as? String)?.contains("3rd nearest") == true)
        #expect(((object["options"] as? [String: Any])?["k"] as? Int) == 3)
        #expect(result.stderr.contains("scanned: 8 files"), "the scan is noted on stderr: \(result.stderr)")
    }

    @Test("inspect --csv has a line per flagged image and issue; --html writes a gallery per issue type; text states the rules")
    func csvHTMLText() throws {
        let set = try makeSet()
        let catalog = folder.child("c.sqlite"), report = folder.child("health.html")
        let csv = try CLIRunner.run(["inspect", set, "--catalog", catalog, "--csv", "--html", report])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "issue,rank,path,value,other,measure,rule")
        #expect(lines.contains { $0.hasPrefix("dark,1,") && $0.contains("black.png") })
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("id=\"dark\"") && page.contains("id=\"odd-aspect-ratio\"") && page.contains("strip.png"))
        #expect(page.contains("<img src=\"data:image/jpeg;base64,"))
        let text = try CLIRunner.run(["inspect", set, "--catalog", catalog])
        #expect(text.status == 0 && text.stdout.contains("mean luma < 50") && text.stdout.contains("dark, worst first"), "\(text.stdout)")
        #expect(text.stdout.contains("0 measured now, 8 read back"), "\(text.stdout)")
    }

    @Test("the fixed thresholds are flags: a higher dark threshold flags more, the rule states it, and the scores are read back")
    func thresholds() throws {
        let set = try makeSet(), catalog = folder.child("t.sqlite")
        let dark = { (arguments: [String]) throws -> (count: Int, rule: String, measured: Int) in
            let result = try CLIRunner.run(["inspect", set, "--catalog", catalog, "--json"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let finding = try #require((object["findings"] as? [[String: Any]])?.first { $0["issue"] as? String == "dark" })
            return (finding["count"] as? Int ?? -1, finding["rule"] as? String ?? "", object["qualityComputed"] as? Int ?? -1)
        }
        let standard = try dark([])
        let wider = try dark(["--dark-below", "180"])
        #expect(standard.count == 1 && wider.count > standard.count, "\(standard) \(wider)")
        #expect(wider.rule.contains("180") && !standard.rule.contains("180"))
        #expect(standard.measured == 8 && wider.measured == 0, "a new threshold measures nothing again")
        let blurOff = try CLIRunner.run(["inspect", set, "--catalog", catalog, "--json", "--blurry-below", "0"])
        let blurry = try #require((try JSONSerialization.jsonObject(with: Data(blurOff.stdout.utf8)) as? [String: Any])?["findings"] as? [[String: Any]])
        #expect(blurry.first { $0["issue"] as? String == "blurry" }?["count"] as? Int == 0)
    }

    @Test("inspect refuses a missing path, a folder with no images and a percentile out of range")
    func refusals() throws {
        let missing = folder.child("nowhere")
        let gone = try CLIRunner.run(["inspect", missing, "--catalog", folder.child("r.sqlite")])
        #expect(gone.status != 0 && gone.stderr.contains("no such file or folder"), "\(gone.stderr)")
        let empty = folder.folder("empty")
        let nothing = try CLIRunner.run(["inspect", empty, "--catalog", folder.child("r.sqlite")])
        #expect(nothing.status != 0 && nothing.stderr.contains("no images to inspect"), "\(nothing.stderr)")
        let percentile = try CLIRunner.run(["inspect", try makeSet(), "--catalog", folder.child("r.sqlite"), "--outlier-percentile", "120"])
        #expect(percentile.status != 0 && percentile.stderr.contains("--outlier-percentile"), "\(percentile.stderr)")
        let order = try CLIRunner.run(["inspect", try makeSet(), "--catalog", folder.child("r.sqlite"), "--dark-below", "220"])
        #expect(order.status != 0 && order.stderr.contains("--dark-below (220") && order.stderr.contains("--bright-above"), "\(order.stderr)")
        let entropy = try CLIRunner.run(["inspect", try makeSet(), "--catalog", folder.child("r.sqlite"), "--low-information-below", "9"])
        #expect(entropy.status != 0 && entropy.stderr.contains("--low-information-below"), "\(entropy.stderr)")
        let help = try CLIRunner.run(["inspect", "--help"])
        #expect(help.stdout.contains("Example: likeness inspect"))
    }
}
