import Foundation
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct ScannerTests {
    let folder = TemporaryDirectory("scanner")

    func makeScanner(batchSize: Int = 64) throws -> CatalogScanner {
        try CatalogScanner(catalog: try Catalog(path: folder.child("catalog.sqlite")),
                    configuration: ScanConfiguration(batchSize: batchSize, workers: 2))
    }

    /// Four images in two folders, one of them an exact copy.
    func makePhotos() throws -> String {
        let photos = folder.folder("photos")
        folder.folder("photos/sub")
        try Fixtures.writePattern(to: folder.child("photos/a.png"), seed: 1)
        try Fixtures.writePattern(to: folder.child("photos/b.jpg"), seed: 2)
        try Fixtures.writePattern(to: folder.child("photos/sub/c.webp"), seed: 3)
        try FileManager.default.copyItem(atPath: folder.child("photos/a.png"), toPath: folder.child("photos/sub/a-copy.png"))
        return photos
    }

    @Test("first scan catalogues every image with hash, size and format")
    func firstScan() throws {
        let photos = try makePhotos()
        let scanner = try makeScanner()
        let summary = try scanner.scan([photos])
        #expect((summary.discovered, summary.new, summary.images, summary.failedCount) == (4, 4, 4, 0))
        let images = try scanner.catalog.allImages()
        #expect(images.count == 4)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.child("photos/b.jpg"))))
        let b = try #require(images.first { $0.path.hasSuffix("/b.jpg") })
        #expect(b.contentHash == SHA256.hash(bytes))
        #expect(b.info == ImageInfo(width: 96, height: 64, format: .jpeg))
        #expect(images.first { $0.path.hasSuffix("c.webp") }?.info?.format == .webp)
        let groups = try DuplicateFinder(catalog: try #require(scanner.catalog as? Catalog)).exactGroups().groups
        #expect(groups.map { $0.members.map { ($0.path as NSString).lastPathComponent } } == [["a.png", "a-copy.png"]])
    }

    @Test("a re-scan of an unchanged folder reads no file content")
    func unchangedRescan() throws {
        let photos = try makePhotos()
        let scanner = try makeScanner()
        _ = try scanner.scan([photos])
        let path = folder.child("photos/a.png")
        let before = try #require(try scanner.catalog.image(at: path))
        // Same size and modification time, different bytes: a scan that read content would notice.
        var original = stat()
        #expect(stat(path, &original) == 0)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count - 20] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var times = [original.st_atim, original.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let summary = try scanner.scan([photos])
        #expect((summary.unchanged, summary.new, summary.changed, summary.processed) == (4, 0, 0, 0))
        #expect(try scanner.catalog.image(at: path)?.contentHash == before.contentHash)
    }

    @Test("changed files are re-read and deleted files are marked gone")
    func changedAndGone() throws {
        let photos = try makePhotos()
        let scanner = try makeScanner()
        _ = try scanner.scan([photos])
        try Fixtures.writePattern(to: folder.child("photos/b.jpg"), width: 50, height: 50, seed: 9)
        try FileManager.default.removeItem(atPath: folder.child("photos/sub/c.webp"))
        try Fixtures.writePattern(to: folder.child("photos/d.png"), seed: 4)
        let summary = try scanner.scan([photos])
        #expect((summary.new, summary.changed, summary.unchanged, summary.gone) == (1, 1, 2, 1))
        #expect(try scanner.catalog.image(at: folder.child("photos/b.jpg"))?.info?.width == 50)
        #expect(try scanner.catalog.image(at: folder.child("photos/sub/c.webp"))?.isGone == true)
        // Scanning a sibling folder does not mark this one's files gone.
        let other = folder.folder("other")
        try Fixtures.writePattern(to: folder.child("other/e.png"), seed: 5)
        let second = try scanner.scan([other])
        #expect(second.gone == 0)
        #expect(try scanner.catalog.allImages().filter { !$0.isGone }.count == 5)
    }

    @Test("every kind of bad input gets its own typed failure and the scan goes on")
    func badInput() throws {
        let bad = folder.folder("bad")
        try Fixtures.writePattern(to: folder.child("bad/good.png"), seed: 11)
        folder.file("bad/empty.jpg", bytes: [])
        folder.file("bad/notes.jpg", bytes: Array("meeting notes\n".utf8))
        folder.file("bad/bomb.png", bytes: Fixtures.pngHeaderOnly(width: 100_000, height: 100_000))
        let jpeg = try Fixtures.writePattern(to: folder.child("bad/whole.jpg"), width: 256, height: 256, seed: 12)
        let data = Array(try Data(contentsOf: URL(fileURLWithPath: jpeg)))
        try FileManager.default.removeItem(atPath: jpeg)
        folder.file("bad/truncated.jpg", bytes: Array(data.prefix(data.count / 2)))
        folder.file("bad/vector.jpg", bytes: Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>"#.utf8))
        folder.folder("bad/empty-folder")
        folder.folder("bad/loop")
        try FileManager.default.createSymbolicLink(atPath: folder.child("bad/loop/again"), withDestinationPath: bad)
        try FileManager.default.createSymbolicLink(atPath: folder.child("bad/dangling.jpg"), withDestinationPath: folder.child("nowhere.jpg"))
        // A valid image whose name is not UTF-8 (Latin-1 "é").
        let rawName = Array(bad.utf8) + Array("/caf".utf8) + [0xE9] + Array(".png".utf8)
        let pngBytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.child("bad/good.png"))))
        let fd = rawName.withCString { open($0, O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0)
        _ = pngBytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let scanner = try makeScanner()
        let summary = try scanner.scan([bad])
        #expect(summary.images == 1)
        #expect(summary.failed == [.emptyFile: 1, .notAnImage: 1, .tooManyPixels: 1, .corruptImage: 1,
                                   .unsupportedFormat: 1, .symlinkLoop: 1, .brokenSymlink: 1, .nonUTF8Name: 1])
        let byName = Dictionary(uniqueKeysWithValues: try scanner.catalog.allImages().map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(byName["good.png"]?.failure == nil)
        #expect(byName["truncated.jpg"]?.failure?.kind == .corruptImage)
        #expect(byName["truncated.jpg"]?.contentHash != nil, "a corrupt file still has its SHA-256")
        #expect(byName["caf\\xE9.png"]?.failure?.kind == .nonUTF8Name)
        #expect(summary.failures.contains { $0.path.hasSuffix("caf\\xE9.png") })

        // A second scan re-reads nothing: failures are remembered by fingerprint.
        let again = try scanner.scan([bad])
        #expect(again.processed == 0)
        #expect(again.unchanged == 7)
    }

    @Test("a file that changes between listing and reading is retried next scan")
    func changedDuringScan() throws {
        let photos = try makePhotos()
        let scanner = try makeScanner()
        let listed = try #require(FileWalker().walk([photos]).files.first { $0.path.hasSuffix("/b.jpg") })
        try Fixtures.writePattern(to: listed.path, width: 70, height: 70, seed: 21)
        let entry = scanner.examine(listed)
        #expect(entry.failure?.kind == .changedDuringScan)
        #expect(entry.fingerprint == nil)
        try scanner.catalog.record([entry])
        let summary = try scanner.scan([photos])
        #expect(summary.changed == 1)
        #expect(try scanner.catalog.image(at: listed.path)?.info?.width == 70)
    }

    @Test("an I/O error while reading is an unreadable failure")
    func ioError() throws {
        let directory = folder.folder("looks-like-a-file.jpg")
        var walked = try #require(FileWalker().walk([try makePhotos()]).files.first)
        walked.path = directory
        walked.rawPath = Array(directory.utf8)
        var info = stat()
        _ = stat(directory, &info)
        walked.fingerprint = FileWalker.fingerprint(info)
        #expect(try makeScanner().examine(walked).failure?.kind == .unreadable)
    }

    @Test("an interrupted scan keeps its finished batches and the next scan resumes")
    func interruptedResume() throws {
        let photos = folder.folder("many")
        for i in 0..<10 { try Fixtures.writePattern(to: folder.child("many/\(i).png"), width: 16, height: 16, seed: UInt64(i)) }
        let scanner = try makeScanner(batchSize: 3)
        let polls = PollCounter()
        let first = try scanner.scan([photos], shouldStop: { polls.next() > 2 })
        #expect(first.interrupted)
        #expect((first.images, first.new, first.remaining) == (6, 6, 4))
        #expect(try scanner.catalog.allImages().count == 6)
        let second = try scanner.scan([photos])
        #expect(!second.interrupted)
        #expect((second.unchanged, second.new) == (6, 4))
        let rows = try scanner.catalog.allImages()
        #expect(rows.count == 10 && Set(rows.map(\.path)).count == 10)
    }

    @Test("an empty folder scans cleanly")
    func emptyFolder() throws {
        let summary = try makeScanner().scan([folder.folder("nothing")])
        #expect((summary.discovered, summary.failedCount, summary.interrupted) == (0, 0, false))
    }

    // `ScanJob` refuses a root that is missing before it scans (ScanCommandTests); the scanner
    // itself still copes with a folder that vanishes after that check.
    @Test("a folder that vanished before the walk is a failure in the summary, not a crash")
    func missingFolder() throws {
        let summary = try makeScanner().scan([folder.child("does-not-exist")])
        #expect(summary.failed == [.unreadable: 1])
    }
}

/// Counts how often the scanner asks whether to stop.
final class PollCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func next() -> Int { lock.withLock { count += 1; return count } }
}
