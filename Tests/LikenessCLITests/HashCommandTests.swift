import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct HashCommandTests {
    let folder = TemporaryDirectory("cli-hash")

    @Test("hash --json prints every method's hex; a bad file is reported and the rest still hashed")
    func hashJSON() throws {
        let image = try Fixtures.writePattern(to: folder.child("a.png"), width: 120, height: 90, seed: 5)
        let bad = folder.file("bad.jpg", bytes: Array("text".utf8))
        let result = try CLIRunner.run(["hash", image, bad, "--method", "phash", "--method", "dhash", "--json"])
        #expect(result.status == 1)
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(lines.count == 2)
        let hashes = try #require(lines[0]["hashes"] as? [String: String])
        #expect(Set(hashes.keys) == ["phash", "dhash"])
        #expect(hashes["phash"]?.count == 16)
        #expect((lines[1]["error"] as? String)?.contains("not an image") == true)
    }

    @Test("compare: an image against itself is a duplicate by every method; unknown method names are listed")
    func compareAndUnknownMethod() throws {
        let image = try Fixtures.writePattern(to: folder.child("b.png"), width: 100, height: 100, seed: 6)
        let result = try CLIRunner.run(["compare", image, image, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 9)
        #expect((rows.last?["method"] as? String)?.contains("cosine") == true)
        #expect(rows.allSatisfy { ($0["distance"] as? Double).map { abs($0) < 1e-5 } == true && $0["duplicate"] as? Bool == true })
        let unknown = try CLIRunner.run(["hash", image, "--method", "md5"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("phash"))
    }
}
