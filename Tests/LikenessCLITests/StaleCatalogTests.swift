import Foundation
import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// Files deleted, renamed or edited since the last scan are left out and reported, never listed,
/// returned or moved as if nothing happened.
@Suite(.serialized) struct StaleCatalogTests {
    let folder = TemporaryDirectory("cli-stale")

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("after a delete, a rename and an edit: dupes, dupes --exact, search and --move-to leave the stale entries out and say to re-scan")
    func staleEntries() throws {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        for seed in 1...3 {
            let original = try editor.apply(.blur(sigma: 6), to: Fixtures.pattern(width: 240, height: 180, seed: UInt64(seed)))
            try encoder.write(original, to: folder.child("photos/\(seed).png"))
            try encoder.write(try editor.resized(original, to: .fit(width: 120, height: 90)), to: folder.child("photos/\(seed)-half.png"))
            try FileManager.default.copyItem(atPath: folder.child("photos/\(seed).png"), toPath: folder.child("photos/\(seed)-copy.png"))
        }
        let catalog = folder.child("c.sqlite")
        let first = try CLIRunner.run(["dupes", photos, "--catalog", catalog] + Strict.rule)
        #expect(first.status == 0, "\(first.stderr)")
        // Since that scan: one file deleted, one renamed, one edited in place.
        try FileManager.default.removeItem(atPath: folder.child("photos/1-half.png"))
        try FileManager.default.moveItem(atPath: folder.child("photos/2-copy.png"), toPath: folder.child("photos/2-renamed.png"))
        try encoder.write(Fixtures.pattern(width: 240, height: 180, seed: 77), to: folder.child("photos/3-half.png"))
        let stale = Set(["1-half.png", "2-copy.png", "3-half.png"])

        // No folders: the catalog is used as it is, without a scan.
        let near = try CLIRunner.run(["dupes", "--catalog", catalog, "--json"] + Strict.rule)
        #expect(near.status == 0, "\(near.stderr)")
        // The JSON is the engine's result type, decoded as such.
        let nearResult = try JSONDecoder().decode(EmbeddingDupesResult.self, from: Data(near.stdout.utf8))
        let listed = nearResult.groups.flatMap(\.members).map { ($0.path as NSString).lastPathComponent }
        #expect(!listed.isEmpty && Set(listed).isDisjoint(with: stale), "\(listed)")
        let reported = (nearResult.stale ?? []).map { ($0.path as NSString).lastPathComponent }
        #expect(Set(reported) == stale && nearResult.stale?.allSatisfy { $0.kind == .stale } == true)
        let text = try CLIRunner.run(["dupes", "--catalog", catalog] + Strict.rule)
        #expect(text.stderr.contains("left out 3 catalogued files") && text.stderr.contains("likeness scan"), "\(text.stderr)")

        let exact = try CLIRunner.run(["dupes", "--exact", "--catalog", catalog, "--json"])
        let exactPaths = ((try json(exact.stdout)["groups"] as? [[String: Any]]) ?? []).flatMap { ($0["paths"] as? [String]) ?? [] }
        #expect(!exactPaths.contains { $0.hasSuffix("2-copy.png") } && exactPaths.contains { $0.hasSuffix("1-copy.png") }, "\(exactPaths)")

        let search = try CLIRunner.run(["search", folder.child("photos/1.png"), "--catalog", catalog, "--json", "--k", "8"])
        #expect(search.status == 0, "\(search.stderr)")
        let searchResult = try JSONDecoder().decode(SearchJob.Result.self, from: Data(search.stdout.utf8))
        let matches = (searchResult.queries.first?.matches ?? []).map { ($0.path as NSString).lastPathComponent }
        #expect(!matches.isEmpty && Set(matches).isDisjoint(with: stale), "\(matches)")

        // Moving from a stale catalog: no half-way stop, no raw Foundation error; only current files move.
        let aside = folder.child("aside")
        let moved = try CLIRunner.run(["dupes", "--catalog", catalog, "--move-to", aside] + Strict.rule)
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(!moved.stderr.contains("NSCocoaErrorDomain"))
        let movedNames = Set(try FileManager.default.contentsOfDirectory(atPath: aside).filter { !$0.hasPrefix("likeness-moves") })
        #expect(!movedNames.isEmpty && movedNames.isDisjoint(with: stale), "\(movedNames)")
        #expect(try CLIRunner.run(["undo", aside]).status == 0)
    }
}
