import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

/// `--index` on the command line: parsed once, refused with the valid kinds, and the index used
/// said on stderr and in the JSON.
@Suite(.serialized) struct IndexOptionTests {
    let folder = TemporaryDirectory("cli-index")

    func makePhotos() throws -> String {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        for seed in 1...3 {
            let image = try editor.apply(.blur(sigma: 6), to: Fixtures.pattern(width: 240, height: 160, seed: UInt64(seed)))
            try encoder.write(image, to: folder.child("photos/\(seed).png"))
        }
        return photos
    }

    @Test("an unknown index or key is a usage error that lists what is valid")
    func refused() throws {
        let bad = try CLIRunner.run(["search", folder.child("q.png"), "--index", "annoy", "--catalog", folder.child("c.sqlite")])
        #expect(bad.status == 64, "\(bad.stderr)")
        #expect(bad.stderr.contains("exact, auto, hnsw, ivf, ivfpq"), "\(bad.stderr)")
        let key = try CLIRunner.run(["dupes", "--index", "hnsw:nprobe=4", "--catalog", folder.child("c.sqlite")])
        #expect(key.status == 64 && key.stderr.contains("valid: m, efconstruction"), "\(key.stderr)")
    }

    @Test("search --index hnsw says which index it searched, on stderr and in the JSON")
    func searchNamesIndex() throws {
        let photos = try makePhotos()
        let embedded = try CLIRunner.run(["embed", photos, "--catalog", folder.child("s.sqlite")])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        let result = try CLIRunner.run(["search", folder.child("photos/1.png"), "--index", "hnsw:ef=32", "--k", "2", "--json",
                                        "--catalog", folder.child("s.sqlite")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("index: hnsw:m=32,efConstruction=64,ef=32"), "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(output["index"] as? String == "hnsw:m=32,efConstruction=64,ef=32")
    }
}
