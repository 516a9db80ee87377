import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

/// `likeness quality` end to end: JSON worst first, CSV, HTML, the second run reading scores back;
/// `dupes --keep` refusing an unknown rule.
@Suite struct QualityCommandTests {
    let folder = TemporaryDirectory("cli-quality")

    func makePhotos() throws -> String {
        let photos = folder.folder("photos")
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        let original = Fixtures.texture(width: 240, height: 180, seed: 41)
        try encoder.write(original, to: folder.child("photos/original.jpg[Q=95]"))
        try encoder.write(try editor.apply(.blur(sigma: 8), to: original), to: folder.child("photos/blurred.jpg[Q=95]"))
        try encoder.write(try editor.apply(.exposure(ev: 1.5), to: original), to: folder.child("photos/bright.png"))
        return photos
    }

    @Test("quality --json lists every image worst first with its scores and issues; a second run reads them all back")
    func json() throws {
        let photos = try makePhotos()
        let catalog = folder.child("q.sqlite")
        let result = try CLIRunner.run(["quality", photos, "--catalog", catalog, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let images = try #require(object["images"] as? [[String: Any]])
        #expect(images.count == 3)
        let overall = images.compactMap { $0["overall"] as? Double }
        #expect(overall == overall.sorted(), "worst first")
        #expect((images.last?["path"] as? String)?.hasSuffix("original.jpg") == true, "the original is best")
        let bright = try #require(images.first { ($0["path"] as? String)?.hasSuffix("bright.png") == true })
        #expect((bright["issues"] as? [String])?.contains("clipped") == true)
        #expect(((images.first { ($0["path"] as? String)?.hasSuffix("original.jpg") == true }?["scores"] as? [String: Any])?["jpegQuality"] as? Int) == 95)
        #expect(object["computed"] as? Int == 3)

        let again = try CLIRunner.run(["quality", photos, "--catalog", catalog, "--json"])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(second["reused"] as? Int == 3 && second["computed"] as? Int == 0)
    }

    @Test("quality --csv has a header and a line per image; --html writes a page naming every image; text lists them")
    func csvHTMLText() throws {
        let photos = try makePhotos()
        let report = folder.child("quality.html")
        let csv = try CLIRunner.run(["quality", photos, "--catalog", folder.child("c.sqlite"), "--csv", "--html", report])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines[0].hasPrefix("path,overall,issues"))
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("blurred.jpg") && page.contains("original.jpg") && page.contains("bright.png"))
        let text = try CLIRunner.run(["quality", photos, "--catalog", folder.child("c.sqlite")])
        #expect(text.status == 0 && text.stdout.contains("worst first") && text.stdout.contains("original.jpg"))
    }

    @Test("quality refuses a missing folder; dupes refuses an unknown keeper rule and lists the valid ones")
    func refusals() throws {
        let missing = try CLIRunner.run(["quality", folder.child("nowhere"), "--catalog", folder.child("r.sqlite")])
        #expect(missing.status != 0)
        let unknown = try CLIRunner.run(["dupes", folder.child("nowhere"), "--keep", "pixels,prettiest"])
        #expect(unknown.status != 0 && unknown.stderr.contains("prettiest") && unknown.stderr.contains("quality"))
    }
}
