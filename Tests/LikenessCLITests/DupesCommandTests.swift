import Foundation
import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite(.serialized) struct DupesCommandTests {
    let folder = TemporaryDirectory("cli-dupes")

    /// Four originals, each with a half-size copy and a JPEG q80 copy; two unrelated singles.
    func makeSet() throws -> String {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        for seed in 1...4 {
            let original = try editor.apply(.blur(sigma: 8), to: Fixtures.pattern(width: 320, height: 240, seed: UInt64(seed)))
            try encoder.write(original, to: folder.child("photos/\(seed).png"))
            try encoder.write(try editor.resized(original, to: .fit(width: 160, height: 120)), to: folder.child("photos/\(seed)-half.png"))
            try encoder.write(original, to: folder.child("photos/\(seed)-q80.jpg") + "[Q=80]")
        }
        for seed in 50...51 { try Fixtures.writePattern(to: folder.child("photos/single-\(seed).png"), width: 320, height: 240, seed: UInt64(seed)) }
        return photos
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("default dupes finds each original with its copies, keeps the largest, and writes a report with every group")
    func groupsAndReport() throws {
        let photos = try makeSet()
        let report = folder.child("report.html")
        let result = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("c.sqlite"), "--json", "--html", report] + Strict.rule)
        #expect(result.status == 0, "\(result.stderr)")
        let groups = try #require(try json(result.stdout)["groups"] as? [[String: Any]])
        let names = groups.map { group in
            ((group["members"] as? [[String: Any]]) ?? []).compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }.sorted()
        }.sorted { $0[0] < $1[0] }
        #expect(names == (1...4).map { ["\($0)-half.png", "\($0)-q80.jpg", "\($0).png"] })
        let output = try json(result.stdout)
        #expect(output["covered"] as? Int == 12 && output["images"] as? Int == 14, "the groups cover 12 of the 14 images")
        // 8 of 14 images are copies: more than half, so the listing warns (in the JSON and on stderr).
        #expect((output["warnings"] as? [String])?.first?.contains("call 8 of 14 compared images (57 %) copies") == true)
        #expect(result.stderr.contains("warning: these groups call 8 of 14"))
        // A full-size copy is kept (the PNG or the same-size JPEG, whichever file is larger), never the half-size one.
        #expect(groups.allSatisfy { !(($0["keep"] as? String) ?? "half").contains("half") })
        #expect(groups.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.components(separatedBy: "class=\"group\"").count - 1 == 4)
        #expect(html.components(separatedBy: "<img src=\"data:image/jpeg;base64,").count - 1 == 12)
        #expect(!html.contains("src=\"http"))
    }

    @Test("local features confirm a cropped, turned copy that the hash misses; --minimum-inliers 0 turns them off")
    func localFeatures() throws {
        let photos = folder.folder("shapes")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let original = Fixtures.rectangles(width: 480, height: 360, seed: 21)
        try encoder.write(original, to: folder.child("shapes/original.png"))
        try encoder.write(try editor.apply(.rotate(degrees: 8), to: try editor.apply(.crop(fraction: 0.7), to: original)), to: folder.child("shapes/cropped-turned.png"))
        try encoder.write(Fixtures.rectangles(width: 480, height: 360, seed: 22), to: folder.child("shapes/other.png"))
        // The hash can confirm nothing at radius 0, and nothing is accepted on cosine alone.
        let rule = ["--accept", "0.999", "--candidate", "0.0", "--hash-radius", "0", "--catalog", folder.child("s.sqlite"), "--json"]
        let with = try CLIRunner.run(["dupes", photos] + rule)
        #expect(with.status == 0, "\(with.stderr)")
        let groups = try #require(try json(with.stdout)["groups"] as? [[String: Any]])
        let names = groups.map { ($0["members"] as? [[String: Any]] ?? []).compactMap { ($0["path"] as? String).map { ($0 as NSString).lastPathComponent } }.sorted() }
        #expect(names == [["cropped-turned.png", "original.png"]])
        // The member confirmed by the group's centre shows what tied it there: its matching corners.
        let members = try #require(groups.first?["members"] as? [[String: Any]])
        let member = try #require(members.first { $0["confirmedBy"] != nil })
        #expect(((member["inliers"] as? Int) ?? 0) >= 8, "\(member)")
        #expect(members.contains { $0["path"] as? String == member["confirmedBy"] as? String && $0["confirmedBy"] == nil }, "the centre is a member")
        let without = try CLIRunner.run(["dupes", photos, "--minimum-inliers", "0"] + rule)
        #expect(without.status == 0, "\(without.stderr)")
        #expect((try json(without.stdout)["groups"] as? [[String: Any]])?.isEmpty == true)
    }

    @Test("--move-to stops before moving when the groups call most images copies; with --force it moves only non-keepers; undo puts them back")
    func moveAndUndo() throws {
        let photos = try makeSet()
        let aside = folder.child("aside")
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: photos))
        // Four originals with two copies each and two singles: 8 of 14 images would move.
        let refused = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("m.sqlite"), "--move-to", aside] + Strict.rule)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: these groups call 8 of 14 compared images (57 %) copies, more than 50 % of the collection"),
                "\(refused.stderr)")
        #expect(refused.stderr.contains("Nothing was moved") && refused.stderr.contains("--force"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: photos)) == before)
        #expect(!FileManager.default.fileExists(atPath: aside), "no journal, no folder")

        let moved = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("m.sqlite"), "--move-to", aside, "--force"] + Strict.rule)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stderr.contains("moved anyway: --force"))
        let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: photos))
        #expect(remaining.count == before.count - 8)
        #expect((1...4).allSatisfy { remaining.contains("\($0).png") || remaining.contains("\($0)-q80.jpg") })
        #expect(!remaining.contains { $0.contains("half") })
        let undo = try CLIRunner.run(["undo", aside])
        #expect(undo.status == 0 && undo.stdout.contains("restored 8 files"), "\(undo.stdout) \(undo.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: photos)) == before)
    }

    @Test("an object and the larger scene it was photographed in are the same scene: left out by default, listed with --include same-scene, never moved")
    func sameScene() throws {
        let scenes = folder.folder("scenes")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let object = Fixtures.rectangles(width: 320, height: 240, seed: 5)
        try encoder.write(object, to: folder.child("scenes/object.png"))
        let small = try editor.resized(object, to: .fit(width: 240, height: 180))
        try encoder.write(Fixtures.pasted(small, into: Fixtures.pattern(width: 640, height: 480, seed: 11), x: 330, y: 220),
                          to: folder.child("scenes/scene.png"))
        let catalog = folder.child("s.sqlite")
        // Every pair is a candidate and the cosine never decides alone, so the local features judge.
        let rule = ["--accept", "0.999", "--candidate=-1"]
        let plain = try CLIRunner.run(["dupes", scenes, "--catalog", catalog, "--json"] + rule)
        #expect(plain.status == 0, "\(plain.stderr)")
        let left = try JSONDecoder().decode(EmbeddingDupesResult.self, from: Data(plain.stdout.utf8))
        #expect(left.groups.isEmpty && left.sameSceneLeftOut == 1, "\(plain.stdout)")
        let text = try CLIRunner.run(["dupes", scenes, "--catalog", catalog] + rule)
        #expect(text.stderr.contains("--include same-scene"), "\(text.stderr)")

        let aside = folder.child("scenes-aside")
        let listed = try CLIRunner.run(["dupes", scenes, "--catalog", catalog, "--json", "--include", "same-scene", "--move-to", aside] + rule)
        #expect(listed.status == 0, "\(listed.stderr)")
        let result = try JSONDecoder().decode(EmbeddingDupesResult.self, from: Data(listed.stdout.utf8))
        let group = try #require(result.groups.first)
        #expect(result.groups.count == 1 && group.tier == .sameScene && group.members.count == 2)
        #expect(group.members.dropFirst().allSatisfy { $0.tier == .sameScene && ($0.inliers ?? 0) >= 8 }, "\(group)")
        #expect(result.redundant == 0 && (result.moved?.moved.isEmpty ?? true), "other shots are never moved")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: scenes)) == ["object.png", "scene.png"])
    }

    @Test("CSV has a header and one row per member")
    func csv() throws {
        let photos = try makeSet()
        let result = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("v.sqlite"), "--csv"] + Strict.rule)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "group,tier,path,keep,similarity,hash_distance")
        #expect(lines.dropFirst().allSatisfy { $0.contains(",same-picture,") || $0.contains(",identical,") }, "\(lines)")
        #expect(lines.count == 1 + 12)
    }

    @Test("--method works for a continuous hash too; --threshold without --method is refused")
    func continuousMethod() throws {
        let photos = try makeSet()
        let result = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("r.sqlite"), "--method", "colormoments", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result.stdout)
        #expect(output["method"] as? String == "colormoments")
        let groups = try #require(output["groups"] as? [[String: Any]])
        let names = groups.map { group in
            ((group["members"] as? [[String: Any]]) ?? []).compactMap { ($0["path"] as? NSString)?.lastPathComponent }.sorted()
        }
        for seed in 1...4 { #expect(names.contains { $0.contains("\(seed).png") && $0.contains("\(seed)-q80.jpg") }, "\(names)") }
        #expect(groups.allSatisfy { (($0["pairs"] as? [[String: Any]]) ?? []).allSatisfy { ($0["distance"] as? Double).map { $0 <= 0.000231 } ?? false } })

        let refused = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("r.sqlite"), "--threshold", "3"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--threshold goes with --method"))
        let unknown = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("r.sqlite"), "--method", "md5"])
        #expect(unknown.status != 0 && unknown.stderr.contains("radial"), "the valid names are listed")
    }

    @Test("a --candidate above --accept is refused before any work, saying which is which",
          arguments: [["dupes", "--candidate", "0.99", "--accept", "0.2"], ["leakage", "a", "b", "--candidate", "0.97"]])
    func contradictoryThresholds(arguments: [String]) throws {
        let catalog = folder.child("contradictory.sqlite")
        let result = try CLIRunner.run(arguments + ["--catalog", catalog])
        #expect(result.status == 64, "a usage error: \(result.status)")
        let accept = arguments.contains("--accept") ? "0.2" : "0.95"
        #expect(result.stderr.contains("--candidate \(arguments[arguments.firstIndex(of: "--candidate")! + 1]) is above --accept \(accept)"),
                "\(result.stderr)")
        #expect(result.stderr.contains("--accept is the higher cosine"))
        #expect(!FileManager.default.fileExists(atPath: catalog))
    }

    @Test("a calibration made with --allow-small is applied with a warning, in the JSON and on stderr")
    func smallCalibrationWarns() throws {
        let photos = try makeSet()
        // A cosine calibration of the default model from 4 + 3 pairs (no fingerprint: any weights).
        let file = folder.file("small.json", bytes: Array("""
            {"version": 1, "method": "efficientnet-lite0", "scale": "cosine", "rule": "best-f1", "threshold": 0.95,
             "precision": 1, "recall": 1, "f1": 1, "positives": 4, "negatives": 3, "smallSample": true}
            """.utf8))
        let result = try CLIRunner.run(["dupes", photos, "--catalog", folder.child("small.sqlite"), "--calibration", file, "--json"] + Strict.rule)
        #expect(result.status == 0, "\(result.stderr)")
        let warning = "\(file) was made with --allow-small from only 4 same and 3 different pairs"
        #expect((try json(result.stdout)["warnings"] as? [String])?.contains { $0.hasPrefix(warning) } == true)
        #expect(result.stderr.contains("warning: " + warning), "\(result.stderr)")
    }
}
