import Foundation
import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// "Not duplicates" decisions are kept by content: they hold after a re-scan, a move and a rename,
/// in every `dupes` mode, until forgotten.
@Suite(.serialized) struct DecisionsCommandTests {
    let folder = TemporaryDirectory("cli-decisions")

    func groupedNames(_ arguments: [String]) throws -> [Set<String>] {
        let run = try CLIRunner.run(arguments + ["--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let result = try JSONDecoder().decode(EmbeddingDupesResult.self, from: Data(run.stdout.utf8))
        return result.groups.map { Set($0.members.map { ($0.path as NSString).lastPathComponent }) }
    }

    @Test("keep-all removes a pair from dupes, survives a move and a re-scan, and forget brings it back")
    func keepAllPersists() throws {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        for seed in 1...2 {
            let original = try editor.apply(.blur(sigma: 6), to: Fixtures.pattern(width: 240, height: 180, seed: UInt64(seed)))
            try encoder.write(original, to: folder.child("photos/\(seed).png"))
            try encoder.write(try editor.resized(original, to: .fit(width: 120, height: 90)), to: folder.child("photos/\(seed)-half.png"))
        }
        let catalog = folder.child("c.sqlite")
        let dupes = ["dupes", photos, "--catalog", catalog] + Strict.rule
        #expect(try groupedNames(dupes).contains(["1.png", "1-half.png"]))

        let keep = try CLIRunner.run(["decisions", "keep-all", folder.child("photos/1.png"), folder.child("photos/1-half.png"), "--catalog", catalog])
        #expect(keep.status == 0 && keep.stdout.contains("recorded 1 pair"), "\(keep.stdout) \(keep.stderr)")
        var groups = try groupedNames(dupes)
        #expect(!groups.contains { $0.contains("1.png") || $0.contains("1-half.png") }, "\(groups)")
        #expect(groups.contains(["2.png", "2-half.png"]), "other pairs are still grouped: \(groups)")

        // Moved into a subfolder and renamed: same content, same decision.
        try FileManager.default.createDirectory(atPath: folder.child("photos/sub"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: folder.child("photos/1-half.png"), toPath: folder.child("photos/sub/renamed.png"))
        groups = try groupedNames(dupes)
        #expect(!groups.contains { $0.contains("1.png") || $0.contains("renamed.png") }, "\(groups)")

        let list = try CLIRunner.run(["decisions", "list", "--catalog", catalog, "--json"])
        let listed = try JSONDecoder().decode(DecisionsJob.Result.self, from: Data(list.stdout.utf8))
        #expect(listed.decisions.count == 1 && listed.decisions[0].firstPath.hasSuffix(".png"))
        #expect(Set([listed.decisions[0].firstPath, listed.decisions[0].secondPath].map { ($0 as NSString).lastPathComponent }) == ["1.png", "1-half.png"],
                "the paths are those the files had when it was decided")

        let forget = try CLIRunner.run(["decisions", "forget", folder.child("photos/1.png"), folder.child("photos/sub/renamed.png"), "--catalog", catalog])
        #expect(forget.status == 0 && forget.stdout.contains("forgot 1 decision"), "\(forget.stdout) \(forget.stderr)")
        #expect(try groupedNames(dupes).contains(["1.png", "renamed.png"]))
    }

    @Test("keep-all on byte-identical copies removes their exact group; a single file or a folder is refused")
    func exactAndRefusals() throws {
        let photos = folder.folder("exact")
        try (try ImageEncoder()).write(Fixtures.pattern(width: 64, height: 48, seed: 5), to: folder.child("exact/a.png"))
        try FileManager.default.copyItem(atPath: folder.child("exact/a.png"), toPath: folder.child("exact/b.png"))
        let catalog = folder.child("e.sqlite")
        func exactGroups() throws -> Int {
            let run = try CLIRunner.run(["dupes", "--exact", photos, "--catalog", catalog, "--json"])
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return (object?["groups"] as? [Any])?.count ?? -1
        }
        #expect(try exactGroups() == 1)
        #expect(try CLIRunner.run(["decisions", "keep-all", folder.child("exact/a.png"), folder.child("exact/b.png"), "--catalog", catalog]).status == 0)
        #expect(try exactGroups() == 0)

        let single = try CLIRunner.run(["decisions", "keep-all", folder.child("exact/a.png"), "--catalog", catalog])
        #expect(single.status == 2 && single.stderr.contains("at least two"), "\(single.stderr)")
        let withFolder = try CLIRunner.run(["decisions", "keep-all", folder.child("exact/a.png"), photos, "--catalog", catalog])
        #expect(withFolder.status == 2 && withFolder.stderr.contains("not folders"), "\(withFolder.stderr)")
    }
}
