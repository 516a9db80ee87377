import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// Commands that only read work on a catalog that cannot be written (file 0444 in a folder 0555,
/// or, as root, a read-only tmpfs); commands that write say so by name and exit 2.
@Suite(.serialized) struct ReadOnlyCatalogTests {
    let folder = TemporaryDirectory("cli-readonly")

    /// Train: three softened patterns and a byte-identical copy of the first. Test: a JPEG copy of
    /// train #2 and a grey card unlike anything in train.
    func makeSplit() throws -> (train: String, test: String) {
        let train = folder.folder("train"), test = folder.folder("test")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        var originals: [PixelBuffer] = []
        for seed in 1...3 {
            let image = try editor.apply(.blur(sigma: 8), to: Fixtures.pattern(width: 320, height: 240, seed: UInt64(seed)))
            originals.append(image)
            try encoder.write(image, to: folder.child("train/\(seed).png"))
        }
        try FileManager.default.copyItem(atPath: folder.child("train/1.png"), toPath: folder.child("train/1-copy.png"))
        try encoder.write(originals[1], to: folder.child("test/copy-of-2.jpg") + "[Q=85]")
        try encoder.write(Fixtures.solid(width: 200, height: 200, rgb: (128, 128, 128)), to: folder.child("test/grey-card.png"))
        return (train, test)
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func name(_ value: Any?) -> String { ((value as? String ?? "") as NSString).lastPathComponent }

    @Test("dupes --exact, search and novelty read a read-only catalog after scan and embed; scan fails by name with exit 2",
          .enabled(if: ReadOnlyFolder.isAvailable))
    func readOnlyCommands() throws {
        let (train, test) = try makeSplit()
        let writable = folder.child("made", "c.sqlite")
        let embedded = try CLIRunner.run(["embed", train, test, "--catalog", writable])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        let medium = try ReadOnlyFolder(at: folder.child("ro"), copying: [writable])
        let catalog = medium.child("c.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: catalog))

        let exact = try CLIRunner.run(["dupes", "--exact", "--catalog", catalog, "--json"])
        #expect(exact.status == 0, "\(exact.stderr)")
        let groups = try #require((try json(exact.stdout) as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(groups.map { ($0["paths"] as? [Any] ?? []).map(name).sorted() } == [["1-copy.png", "1.png"]])

        let search = try CLIRunner.run(["search", folder.child("train/2.png"), "--catalog", catalog, "--json", "--k", "1"])
        #expect(search.status == 0, "\(search.stderr)")
        let matches = try #require(((try json(search.stdout) as? [String: Any])?["queries"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])
        #expect(matches.map { name($0["path"]) } == ["copy-of-2.jpg"])

        let novelty = try CLIRunner.run(["novelty", "--reference", train, "--query", test, "--catalog", catalog, "--threshold", "0.7", "--json"])
        #expect(novelty.status == 0, "\(novelty.stderr)")
        let queries = try #require((try json(novelty.stdout) as? [String: Any])?["queries"] as? [[String: Any]])
        #expect(queries.filter { $0["novel"] as? Bool == true }.map { name($0["query"]) } == ["grey-card.png"])

        // Nothing was missing, so nothing was computed for this run only, and the catalog is as it was.
        for run in [exact, search, novelty] { #expect(!run.stderr.contains("not stored"), "\(run.stderr)") }
        #expect(try Data(contentsOf: URL(fileURLWithPath: catalog)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: medium.path) == ["c.sqlite"])

        let scan = try CLIRunner.run(["scan", train, "--catalog", catalog])
        #expect(scan.status == 2)
        #expect(scan.stderr.contains("error: cannot write the catalog \(catalog) (read-only file or folder); use --catalog to choose a writable one"),
                "\(scan.stderr)")
        #expect(!scan.stderr.contains("SQLite error"))
    }

    @Test("on a read-only catalog, a new file and missing hashes are computed for the run with one warning, and not stored",
          .enabled(if: ReadOnlyFolder.isAvailable))
    func computedInMemory() throws {
        let (train, _) = try makeSplit()
        let writable = folder.child("made", "c.sqlite")
        let scanned = try CLIRunner.run(["scan", train, "--catalog", writable])
        #expect(scanned.status == 0, "\(scanned.stderr)")
        let medium = try ReadOnlyFolder(at: folder.child("ro"), copying: [writable])
        let catalog = medium.child("c.sqlite")
        let before = try Data(contentsOf: URL(fileURLWithPath: catalog))
        try FileManager.default.copyItem(atPath: folder.child("train/2.png"), toPath: folder.child("train/2-copy.png"))

        let exact = try CLIRunner.run(["dupes", train, "--exact", "--catalog", catalog, "--json"])
        #expect(exact.status == 0, "\(exact.stderr)")
        let groups = try #require((try json(exact.stdout) as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(Set(groups.map { ($0["paths"] as? [Any] ?? []).map(name).sorted() }) == [["1-copy.png", "1.png"], ["2-copy.png", "2.png"]])
        #expect(exact.stderr.components(separatedBy: "not stored").count - 1 == 1, "\(exact.stderr)")
        #expect(exact.stderr.contains("catalog \(catalog) cannot be written"))

        let hashed = try CLIRunner.run(["dupes", train, "--method", "phash", "--catalog", catalog, "--json"])
        #expect(hashed.status == 0, "\(hashed.stderr)")
        #expect(hashed.stderr.contains("not stored"), "\(hashed.stderr)")

        #expect(try Data(contentsOf: URL(fileURLWithPath: catalog)) == before)
        let reread = try CLIRunner.run(["dupes", "--exact", "--catalog", catalog, "--json"])
        let stored = try #require((try json(reread.stdout) as? [String: Any])?["groups"] as? [[String: Any]])
        #expect(stored.map { ($0["paths"] as? [Any] ?? []).map(name).sorted() } == [["1-copy.png", "1.png"]])
    }

    @Test("a missing catalog for a read-only command is an error naming it, and no file is created")
    func missingCatalog() throws {
        let catalog = folder.child("nowhere", "c.sqlite")
        let result = try CLIRunner.run(["dupes", "--exact", "--catalog", catalog])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no catalog at \(catalog)") && result.stderr.contains("likeness scan"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.child("nowhere")))
    }
}
