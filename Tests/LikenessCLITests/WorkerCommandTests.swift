import Foundation
import LikenessCatalog
import LikenessCore
import LikenessPostgres
import LikenessTestSupport
import Testing

/// `worker` and `status` over a shared PostgreSQL catalog, as separate processes: one worker is
/// killed with SIGKILL mid-run, another finishes, and every image ends up embedded (or hashed)
/// exactly once.
@Suite(.serialized) struct WorkerCommandTests {
    let folder = TemporaryDirectory("workers")

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func makePhotos(count: Int) throws -> String {
        let photos = folder.folder("photos")
        for i in 0..<count {
            try Fixtures.writePattern(to: folder.child("photos/img\(i).png"), width: 96, height: 64, seed: UInt64(i + 1))
        }
        return photos
    }

    @Test("a worker killed with SIGKILL mid-run loses nothing: another takes its items once their leases expire, each image embedded once")
    func killedWorker() throws {
        let count = 80
        let scratch = try ScratchPostgres()
        let photos = try makePhotos(count: count)
        let scan = try CLIRunner.run(["scan", photos, "--catalog", scratch.url, "--json"])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(try json(scan.stdout)["images"] as? Int == count)

        // The first worker takes two images per batch, four per claim, under 2-second leases.
        let catalog = try PostgresCatalog(address: scratch.address)
        try killMidRun(["worker", "--catalog", scratch.url, "--lease", "2", "--batch", "2", "--json"], catalog: catalog)

        let before = try catalog.queueStatus()
        let killedDone = try #require(before.workers.first?.done)
        #expect(before.workers.count == 1 && before.workers.first?.finished == false)
        #expect(killedDone >= 6 && killedDone < count)
        // The items the killed worker held under leases when it died: taken again once they expired.
        let held = try #require(try scratch.integers("SELECT count(*) FROM work_item WHERE state = 'pending' AND leased_by IS NOT NULL").first)

        let rescue = try CLIRunner.run(["worker", "--catalog", scratch.url, "--lease", "2", "--batch", "8", "--json"])
        #expect(rescue.status == 0, "\(rescue.stderr)")
        let summary = try json(rescue.stdout)
        #expect(summary["embedded"] as? Int == count - killedDone)
        #expect(summary["lost"] as? Int == 0)

        let after = try catalog.queueStatus()
        let counts = try #require(after.tasks.first)
        #expect((counts.pending, counts.leased, counts.expired, counts.done, counts.failed) == (0, 0, 0, count, 0))
        #expect(after.workers.map(\.done).reduce(0, +) == count)
        let vectors = try catalog.embeddings(model: counts.task.method, fingerprint: counts.task.version)
        #expect(vectors.count == count)
        #expect(try scratch.integers("SELECT count(*) FROM image_embedding") == [count])
        // One item per image, each completed once, by one of the two workers.
        #expect(try scratch.integers("SELECT count(*) FROM (SELECT image_id FROM work_item GROUP BY image_id HAVING count(*) <> 1) t") == [0])
        #expect(try scratch.integers("SELECT count(*) FROM work_item WHERE state = 'done' AND done_by IS NOT NULL") == [count])
        #expect(try scratch.integers("SELECT count(*) FROM work_item WHERE attempts > 1") == [held])

        let status = try CLIRunner.run(["status", "--catalog", scratch.url])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(status.stdout.contains("\(count) done") && status.stdout.contains("0 pending"))
        #expect(status.stdout.components(separatedBy: "worker ").count - 1 == 2)

        // Search reads the shared catalog's vectors and ranks as it does over a SQLite catalog of the same images.
        let query = folder.child("photos/img7.png")
        let shared = try CLIRunner.run(["search", query, "--catalog", scratch.url, "--k", "5", "--json"])
        #expect(shared.status == 0, "\(shared.stderr)")
        let local = folder.child("local.sqlite")
        let embedded = try CLIRunner.run(["embed", photos, "--catalog", local, "--json"])
        #expect(embedded.status == 0, "\(embedded.stderr)")
        let file = try CLIRunner.run(["search", query, "--catalog", local, "--k", "5", "--json"])
        #expect(file.status == 0, "\(file.stderr)")
        let sharedMatches = try matches(shared.stdout), fileMatches = try matches(file.stdout)
        #expect(sharedMatches.count == 5 && !sharedMatches.contains(query))
        #expect(sharedMatches == fileMatches)
    }

    @Test("a hashing worker killed with SIGKILL mid-run loses nothing: every image gets each method's hash once, and dupes reads them")
    func killedHashWorker() throws {
        let count = 160
        let scratch = try ScratchPostgres()
        let photos = folder.folder("photos")
        for i in 0..<count {
            try Fixtures.writePattern(to: folder.child("photos/img\(i).png"), width: 320, height: 240, seed: UInt64(i + 1))
        }
        let scan = try CLIRunner.run(["scan", photos, "--catalog", scratch.url, "--json"])
        #expect(scan.status == 0, "\(scan.stderr)")

        // One image per hashing round, two per claim, under 2-second leases.
        let hashing = ["--jobs", "hash", "--hash-method", "phash", "--hash-method", "colormoments"]
        let catalog = try PostgresCatalog(address: scratch.address)
        try killMidRun(["worker", "--catalog", scratch.url] + hashing + ["--lease", "2", "--batch", "1", "--json"], catalog: catalog)
        let killedDone = try #require(try catalog.queueStatus().workers.first?.done)
        #expect(killedDone >= 6 && killedDone < 2 * count)
        let held = try #require(try scratch.integers("SELECT count(*) FROM work_item WHERE state = 'pending' AND leased_by IS NOT NULL").first)

        let rescue = try CLIRunner.run(["worker", "--catalog", scratch.url] + hashing + ["--lease", "2", "--json"])
        #expect(rescue.status == 0, "\(rescue.stderr)")
        let summary = try json(rescue.stdout)
        #expect(summary["hashed"] as? Int == 2 * count - killedDone)
        #expect(summary["lost"] as? Int == 0 && summary["embedded"] as? Int == 0)

        let tasks = try catalog.queueStatus().tasks
        #expect(Set(tasks.map(\.task)) == [.hashing(.bits(.pHash)), .hashing(.features(.colorMoments))])
        for counts in tasks {
            #expect((counts.pending, counts.leased, counts.expired, counts.done, counts.failed) == (0, 0, 0, count, 0), "\(counts.task)")
        }
        // Each image has one value of each method, and one item per method, done once.
        #expect(try scratch.integers("SELECT count(DISTINCT image_id) FROM image_hash WHERE method = 'phash'") == [count])
        #expect(try scratch.integers("SELECT count(DISTINCT image_id) FROM image_feature WHERE method = 'colormoments'") == [count])
        #expect(try scratch.integers("SELECT count(*) FROM image_hash") == [count] && scratch.integers("SELECT count(*) FROM image_feature") == [count])
        #expect(try scratch.integers("SELECT count(*) FROM (SELECT image_id FROM work_item GROUP BY image_id, method HAVING count(*) <> 1) t") == [0])
        #expect(try scratch.integers("SELECT count(*) FROM work_item WHERE state = 'done' AND done_by IS NOT NULL") == [2 * count])
        #expect(try scratch.integers("SELECT count(*) FROM work_item WHERE attempts > 1") == [held])

        // `dupes --method` over the hashes the workers stored groups as over a SQLite catalog of the same files.
        let shared = try CLIRunner.run(["dupes", "--method", "phash", "--catalog", scratch.url, "--json"])
        #expect(shared.status == 0, "\(shared.stderr)")
        let local = folder.child("local.sqlite")
        #expect(try CLIRunner.run(["scan", photos, "--catalog", local]).status == 0)
        let file = try CLIRunner.run(["dupes", "--method", "phash", "--catalog", local, "--json"])
        #expect(file.status == 0, "\(file.stderr)")
        #expect(!shared.stdout.isEmpty && shared.stdout == file.stdout)
    }

    /// Starts a worker with `arguments` and kills it with SIGKILL once the queue of `catalog` counts
    /// six done items; fails when the worker finished first.
    func killMidRun(_ arguments: [String], catalog: PostgresCatalog) throws {
        try CLIRunner.killMidRun(arguments) { try catalog.queueStatus().tasks.map(\.done).reduce(0, +) >= 6 }
    }

    /// The matched paths of the first query of a `search --json` result.
    func matches(_ text: String) throws -> [String] {
        let queries = try #require(try json(text)["queries"] as? [[String: Any]])
        let matches = try #require(queries.first?["matches"] as? [[String: Any]])
        return matches.compactMap { $0["path"] as? String }
    }

    @Test("commands reach a shared catalog's server or say why not, and worker refuses a file, each with a clear error")
    func wrongCatalogKind() throws {
        // Every command with --catalog takes a shared catalog: one that cannot be reached is named,
        // without its password.
        for arguments in [["dupes", "--exact"], ["cluster", "list"], ["train", "autoencoder", folder.folder("photos"), "--save", "enc"]] {
            let run = try CLIRunner.run(arguments + ["--catalog", "postgres://me:secret@127.0.0.1:1/photos"])
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("cannot reach the catalog server postgres://me:***@127.0.0.1:1/photos") && !run.stderr.contains("secret"),
                    "\(arguments): \(run.stderr)")
        }
        let worker = try CLIRunner.run(["worker", "--catalog", folder.child("c.sqlite")])
        #expect(worker.status == 2 && worker.stderr.contains("--catalog postgres://"))
        let unknown = try CLIRunner.run(["worker", "--catalog", "postgres://me@127.0.0.1:1/photos", "--jobs", "embed,paint"])
        #expect(unknown.status == 2 && unknown.stderr.contains("paint") && unknown.stderr.contains("valid: hash, embed"))
        let down = try CLIRunner.run(["status", "--catalog", "postgres://me@127.0.0.1:1/photos"])
        #expect(down.status == 2 && down.stderr.contains("cannot reach the catalog server postgres://me@127.0.0.1:1/photos"))
        #expect(!FileManager.default.fileExists(atPath: "postgres:"))
    }
}
