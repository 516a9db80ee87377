import Foundation
import LikenessCatalog
import LikenessTestSupport
import Testing

@Suite(.serialized) struct ScanCommandTests {
    let folder = TemporaryDirectory("cli")

    func makePhotos(count: Int, size: Int = 64, into name: String = "photos") throws -> String {
        let photos = folder.folder(name)
        for i in 0..<count {
            try Fixtures.writePattern(to: folder.child(name, "img\(i).jpg"), width: size, height: size, seed: UInt64(i))
        }
        return photos
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("scan --json reports counts; dupes --exact --json lists byte-identical groups")
    func scanAndExactDupes() throws {
        let photos = try makePhotos(count: 3)
        try FileManager.default.copyItem(atPath: folder.child("photos/img1.jpg"), toPath: folder.child("photos/copy-of-1.jpg"))
        folder.file("photos/broken.jpg", bytes: Array("not an image".utf8))
        let catalog = folder.child("c.sqlite")
        let scan = try CLIRunner.run(["scan", photos, "--catalog", catalog, "--json"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let summary = try json(scan.stdout)
        #expect(summary["new"] as? Int == 5)
        #expect(summary["images"] as? Int == 4)
        #expect((summary["failed"] as? [String: Int]) == ["not-an-image": 1])

        let dupes = try CLIRunner.run(["dupes", "--exact", "--json"], environment: ["LIKENESS_CATALOG": catalog])
        #expect(dupes.status == 0, "\(dupes.stderr)")
        let groups = try #require(try json(dupes.stdout)["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect((groups.first?["paths"] as? [String])?.map { ($0 as NSString).lastPathComponent } == ["copy-of-1.jpg", "img1.jpg"])

        let text = try CLIRunner.run(["scan", photos, "--catalog", catalog])
        #expect(text.stdout.contains("0 new, 0 changed, 5 unchanged"))
    }

    @Test("scan of a missing folder is an error naming it, and nothing is catalogued")
    func missingFolder() throws {
        let missing = folder.child("no-such-folder")
        let catalog = folder.child("missing.sqlite")
        let result = try CLIRunner.run(["scan", missing, "--catalog", catalog])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: no such file or folder: \(missing)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: catalog))
    }

    @Test("scan of several folders where one is missing refuses before scanning any of them")
    func oneOfSeveralMissing() throws {
        let photos = try makePhotos(count: 2, into: "present")
        let missing = folder.child("gone")
        let catalog = folder.child("several.sqlite")
        _ = try Catalog(path: catalog) // an existing, empty catalog
        let result = try CLIRunner.run(["scan", photos, missing, "--catalog", catalog])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no such file or folder: \(missing)"), "\(result.stderr)")
        #expect(!result.stderr.contains(photos + ","), "only the missing path is named")
        #expect(try Catalog(path: catalog).allImages().isEmpty)
    }

    @Test("a catalog path that is not SQLite fails with a clear message and is not touched")
    func notADatabase() throws {
        let photos = try makePhotos(count: 1)
        let notes = folder.file("notes.txt", bytes: Array("important notes\n".utf8))
        let result = try CLIRunner.run(["scan", photos, "--catalog", notes])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: \(notes) is not a Likeness catalog"))
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "important notes\n")
    }

    @Test("a scan killed mid-way keeps its committed batches and the next scan completes without duplicates")
    func killAndResume() throws {
        let photos = try makePhotos(count: 120, size: 320)
        let catalogPath = folder.child("killed.sqlite")
        let process = CLIRunner.start(["scan", photos, "--catalog", catalogPath, "--batch-size", "4", "--workers", "1", "--json"])
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Wait until some batches are committed, then kill without warning.
        var committed = 0
        let deadline = Date().addingTimeInterval(60)
        while committed < 8 && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
            if FileManager.default.fileExists(atPath: catalogPath) {
                committed = (try? Catalog(path: catalogPath).allImages().count) ?? 0
            }
        }
        let exitedEarly = !process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!exitedEarly, "the scan ended before it was killed: status \(process.terminationStatus), \(stderr)")
        let kept = try Catalog(path: catalogPath).allImages().count
        #expect(kept >= 8 && kept < 120, "the kill landed mid-scan (kept \(kept) of 120)")

        let resume = try CLIRunner.run(["scan", photos, "--catalog", catalogPath, "--json"])
        #expect(resume.status == 0, "\(resume.stderr)")
        let summary = try json(resume.stdout)
        #expect(summary["unchanged"] as? Int == kept)
        #expect(summary["new"] as? Int == 120 - kept)
        let rows = try Catalog(path: catalogPath).allImages()
        #expect(rows.count == 120)
        #expect(rows.allSatisfy { $0.contentHash != nil && $0.failure == nil })
    }
}
