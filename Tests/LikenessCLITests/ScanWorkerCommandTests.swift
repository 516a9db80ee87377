import Foundation
import LikenessCatalog
import LikenessCore
import LikenessPostgres
import LikenessTestSupport
import Testing

/// `worker --jobs scan` over a shared PostgreSQL catalog, as separate processes: workers that scan
/// one folder at once give the catalog `likeness scan` gives, read each file once, survive a
/// SIGKILL, mark vanished files gone, skip unchanged ones, and go on to embed what they scanned.
@Suite(.serialized) struct ScanWorkerCommandTests {
    let folder = TemporaryDirectory("scan-workers")

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// `count` patterns of `width × height` in `photos/`, and the folder.
    func makePhotos(count: Int, width: Int = 96, height: Int = 64) throws -> String {
        let photos = folder.folder("photos")
        for i in 0..<count {
            _ = try Fixtures.writePattern(to: folder.child("photos/img\(i).png"), width: width, height: height, seed: UInt64(i + 1))
        }
        return photos
    }

    /// A truncated PNG, a text file named .jpg and an empty file in `photos/`.
    func makeBadFiles() throws {
        let whole = try Data(contentsOf: URL(fileURLWithPath: try Fixtures.writePattern(to: folder.child("whole.png"), width: 200, height: 150, seed: 99)))
        folder.file("photos/truncated.png", bytes: Array(whole.prefix(whole.count / 2)))
        folder.file("photos/notes.jpg", bytes: Array("these are notes, not a photo".utf8))
        folder.file("photos/empty.png", bytes: [])
    }

    /// The rows a catalog holds, as comparable text: path, size, SHA-256, pixel size, format, failure kind, gone.
    func rows(_ store: any CatalogStore) throws -> [String] {
        try store.allImages().map { image in
            [image.path, "\(image.fingerprint?.size ?? -1)", image.contentHash?.hex ?? "-", "\(image.info?.width ?? -1)x\(image.info?.height ?? -1)",
             image.info?.format.rawValue ?? "-", image.failure?.kind.rawValue ?? "-", "\(image.isGone)"].joined(separator: " ")
        }
    }

    /// Runs processes with `arguments` at once and waits for all of them.
    func runTogether(_ arguments: [[String]]) throws -> [CLIRunner.Result] {
        let started = try arguments.map { arguments -> (Process, Pipe, Pipe) in
            let process = CLIRunner.start(arguments)
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            return (process, out, err)
        }
        return started.map { process, out, err in
            let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                    stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    @Test("two workers scanning one folder at once give the catalog `likeness scan` gives, each file read once, bad files as typed failures")
    func concurrentWorkers() throws {
        let count = 60
        let scratch = try ScratchPostgres()
        let photos = try makePhotos(count: count)
        try makeBadFiles()
        let files = count + 3

        let worker = ["worker", "--catalog", scratch.url, "--jobs", "scan", "--root", photos, "--batch", "2", "--json"]
        let runs = try runTogether([worker, worker])
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let summaries = try runs.map { try json($0.stdout) }
        // Each file was listed into the queue once and read once, by one of the two.
        #expect(summaries.map { $0["listed"] as? Int ?? -1 }.reduce(0, +) == files)
        #expect(summaries.map { $0["scanned"] as? Int ?? -1 }.reduce(0, +) == count)
        #expect(summaries.map { $0["scanFailed"] as? Int ?? -1 }.reduce(0, +) == 3)
        #expect(summaries.map { $0["unchanged"] as? Int ?? -1 }.reduce(0, +) == 0)
        #expect(try scratch.integers("SELECT count(*) FROM scan_item") == [files])
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE attempts <> 1 OR done_by IS NULL") == [0])
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE state = 'done'") == [count])
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE state = 'failed'") == [3])
        // The typed reasons, in the summary and in the catalog.
        let failures = summaries.flatMap { $0["scanFailures"] as? [[String: Any]] ?? [] }
        let kinds = Dictionary(uniqueKeysWithValues: failures.compactMap { failure in
            (failure["path"] as? String).map { (($0 as NSString).lastPathComponent, failure["kind"] as? String ?? "") }
        })
        #expect(kinds == ["truncated.png": "corrupt-image", "notes.jpg": "not-an-image", "empty.png": "empty-file"])

        // `likeness scan` of the same folder into a SQLite catalog holds the same rows.
        let local = folder.child("local.sqlite")
        let scan = try CLIRunner.run(["scan", photos, "--catalog", local, "--json"])
        #expect(scan.status == 0, "\(scan.stderr)")
        let shared = try rows(PostgresCatalog(address: scratch.address))
        #expect(shared.count == files)
        #expect(shared == (try rows(Catalog(path: local, access: .readOnly))))

        let status = try CLIRunner.run(["status", "--catalog", scratch.url])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("scan \(photos): 0 pending, 0 leased, 0 expired, \(count) done, 3 failed"), "\(status.stdout)")
        let statusJSON = try json(try CLIRunner.run(["status", "--catalog", scratch.url, "--json"]).stdout)
        let scans = try #require(statusJSON["scans"] as? [[String: Any]])
        #expect(scans.count == 1 && scans.first?["root"] as? String == photos && scans.first?["done"] as? Int == count)
    }

    @Test("a scanning worker killed with SIGKILL mid-run loses nothing: another finishes, every file catalogued once")
    func killedScanWorker() throws {
        let count = 160
        let scratch = try ScratchPostgres()
        let photos = try makePhotos(count: count, width: 480, height: 360)
        let catalog = try PostgresCatalog(address: scratch.address)

        // Two paths per claim, under 2-second leases.
        let worker = ["worker", "--catalog", scratch.url, "--jobs", "scan", "--root", photos, "--lease", "2", "--batch", "1", "--json"]
        try CLIRunner.killMidRun(worker) { try catalog.queueStatus().scans.map(\.done).reduce(0, +) >= 6 }

        let before = try catalog.queueStatus()
        let killedDone = try #require(before.workers.first?.done)
        #expect(before.workers.count == 1 && before.workers.first?.finished == false)
        #expect(killedDone >= 6 && killedDone < count)
        #expect(try scratch.integers("SELECT count(*) FROM image") == [killedDone])
        let held = try #require(try scratch.integers("SELECT count(*) FROM scan_item WHERE state = 'pending' AND leased_by IS NOT NULL").first)

        let rescue = try CLIRunner.run(Array(worker.dropLast(3)) + ["--batch", "8", "--json"])
        #expect(rescue.status == 0, "\(rescue.stderr)")
        let summary = try json(rescue.stdout)
        // The killed worker listed everything: nothing new to list, the rest to read.
        #expect(summary["listed"] as? Int == 0)
        #expect(summary["scanned"] as? Int == count - killedDone)
        #expect(summary["lost"] as? Int == 0 && summary["scanFailed"] as? Int == 0 && summary["gone"] as? Int == 0)

        let counts = try #require(try catalog.queueStatus().scans.first)
        #expect((counts.pending, counts.leased, counts.expired, counts.done, counts.failed) == (0, 0, 0, count, 0))
        #expect(try scratch.integers("SELECT count(*) FROM image WHERE width IS NOT NULL AND NOT gone") == [count])
        #expect(try scratch.integers("SELECT count(DISTINCT sha256) FROM image") == [count])
        // Read once each, but for the items the killed worker held when it died.
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE attempts > 1") == [held])
        let local = folder.child("local.sqlite")
        #expect(try CLIRunner.run(["scan", photos, "--catalog", local]).status == 0)
        #expect(try rows(catalog) == (try rows(Catalog(path: local, access: .readOnly))))
    }

    @Test("a second run reads only what changed, leaves unchanged files unread, and marks a removed file gone, keeping its row")
    func rescan() throws {
        let scratch = try ScratchPostgres()
        let photos = try makePhotos(count: 8)
        let worker = ["worker", "--catalog", scratch.url, "--jobs", "scan", "--root", photos, "--json"]
        let first = try CLIRunner.run(worker)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try json(first.stdout)["scanned"] as? Int == 8)
        let catalog = try PostgresCatalog(address: scratch.address)
        try scratch.execute("CREATE TABLE first_run AS SELECT path, scanned_at FROM image")

        try FileManager.default.removeItem(atPath: folder.child("photos/img3.png"))
        _ = try Fixtures.writePattern(to: folder.child("photos/img5.png"), width: 120, height: 80, seed: 500)
        let second = try CLIRunner.run(worker)
        #expect(second.status == 0, "\(second.stderr)")
        let summary = try json(second.stdout)
        #expect(summary["listed"] as? Int == 1 && summary["scanned"] as? Int == 1)
        #expect(summary["unchanged"] as? Int == 0 && summary["gone"] as? Int == 1)
        #expect(try catalog.image(at: folder.child("photos/img3.png"))?.isGone == true)
        #expect(try catalog.image(at: folder.child("photos/img5.png"))?.info?.width == 120)
        // The six unchanged files kept their rows as the first run wrote them: not one was read again.
        #expect(try scratch.integers("SELECT count(*) FROM image i JOIN first_run f USING (path) WHERE i.scanned_at = f.scanned_at") == [7])
        #expect(try scratch.integers("SELECT count(*) FROM image i JOIN first_run f USING (path) WHERE i.scanned_at = f.scanned_at AND NOT i.gone") == [6])
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE attempts <> 1") == [0])
        let local = folder.child("local.sqlite")
        #expect(try CLIRunner.run(["scan", photos, "--catalog", local]).status == 0)
        let shared = try rows(catalog).filter { !$0.contains("img3.png") }
        #expect(shared == (try rows(Catalog(path: local, access: .readOnly))))

        // The removed file comes back: the next run reads it again and it is present once more.
        _ = try Fixtures.writePattern(to: folder.child("photos/img3.png"), seed: 4)
        let third = try CLIRunner.run(worker)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try json(third.stdout)["scanned"] as? Int == 1)
        #expect(try catalog.image(at: folder.child("photos/img3.png"))?.isGone == false)
    }

    @Test("--jobs scan,embed scans, then embeds every image it scanned, in one run per worker")
    func scanThenEmbed() throws {
        let count = 10
        let scratch = try ScratchPostgres()
        let photos = try makePhotos(count: count)
        folder.file("photos/notes.jpg", bytes: Array("not an image".utf8))
        let worker = ["worker", "--catalog", scratch.url, "--jobs", "scan,embed", "--root", photos, "--batch", "2", "--json"]
        let runs = try runTogether([worker, worker])
        for run in runs { #expect(run.status == 0, "\(run.stderr)") }
        let summaries = try runs.map { try json($0.stdout) }
        #expect(summaries.map { $0["scanned"] as? Int ?? -1 }.reduce(0, +) == count)
        #expect(summaries.map { $0["embedded"] as? Int ?? -1 }.reduce(0, +) == count)
        #expect(try scratch.integers("SELECT count(*) FROM image_embedding") == [count])
        #expect(try scratch.integers("SELECT count(*) FROM image i WHERE width IS NOT NULL AND NOT EXISTS (SELECT 1 FROM image_embedding e WHERE e.image_id = i.id)") == [0])
        let status = try CLIRunner.run(["status", "--catalog", scratch.url])
        #expect(status.stdout.contains("\(count) done, 0 failed") && status.stdout.contains("scan \(photos): 0 pending"), "\(status.stdout)")
    }

    @Test("scanning is refused with a clear message over a SQLite file, without --root, and --root without scan")
    func refusals() throws {
        let photos = try makePhotos(count: 1)
        let file = folder.child("c.sqlite")
        let sqlite = try CLIRunner.run(["worker", "--catalog", file, "--jobs", "scan", "--root", photos])
        #expect(sqlite.status == 2 && sqlite.stderr.contains("likeness scan DIR --catalog \(file)"), "\(sqlite.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file))
        let url = "postgres://me@127.0.0.1:1/photos"
        let noRoot = try CLIRunner.run(["worker", "--catalog", url, "--jobs", "scan"])
        #expect(noRoot.status == 2 && noRoot.stderr.contains("give --root DIR"), "\(noRoot.stderr)")
        let noScan = try CLIRunner.run(["worker", "--catalog", url, "--jobs", "embed", "--root", photos])
        #expect(noScan.status == 2 && noScan.stderr.contains("add scan to --jobs"), "\(noScan.stderr)")
        let missing = try CLIRunner.run(["worker", "--catalog", url, "--jobs", "scan", "--root", folder.child("nowhere")])
        #expect(missing.status == 2 && missing.stderr.contains("no such file or folder"), "\(missing.stderr)")
        let help = try CLIRunner.run(["worker", "--help"])
        #expect(help.stdout.contains("--root <dir>") && help.stdout.contains("scan,embed"))
    }
}
