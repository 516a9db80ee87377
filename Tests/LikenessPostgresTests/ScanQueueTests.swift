import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessPostgres
import LikenessTestSupport
import Synchronization
import Testing

/// The scan queue of `worker --jobs scan`: listing is idempotent and re-opens a path only when its
/// file changed, claims never overlap, a result is recorded once, and the worker's scan catalogues
/// a file that became unreadable as a typed failure while the rest goes on.
@Suite struct ScanQueueTests {
    let folder = TemporaryDirectory("scan-queue")

    func listed(_ path: String, size: Int64 = 1, time: Int64 = 1) -> ListedFile {
        ListedFile(path: path, hasValidName: true, fingerprint: FileFingerprint(size: size, modifiedNanoseconds: time))
    }

    func queue(_ catalog: PostgresCatalog, lease: Double = 60) -> PostgresScanQueue {
        PostgresScanQueue(catalog: catalog, root: "/s", worker: WorkerIdentity(jobs: [.scan]), leaseSeconds: lease)
    }

    @Test("a path is queued once whoever lists it; a finished one is offered again only when its size or time changed")
    func listing() throws {
        let scratch = try ScratchPostgres()
        let catalog = try PostgresCatalog(address: scratch.address)
        let first = queue(catalog), second = queue(try PostgresCatalog(address: scratch.address))
        #expect(try first.list([listed("/s/a.png"), listed("/s/b.png")]) == 2)
        #expect(try second.list([listed("/s/a.png"), listed("/s/b.png")]) == 0)
        // A pending path listed at another size stays one pending item.
        #expect(try second.list([listed("/s/a.png", size: 9)]) == 0)
        let items = try first.claim(limit: 10)
        #expect(items.map(\.path) == ["/s/a.png", "/s/b.png"])
        #expect(try second.claim(limit: 10).isEmpty)
        #expect(try second.remaining() == (claimable: 0, leasedElsewhere: 2))
        let entry = CatalogEntry(path: "/s/a.png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                                 contentHash: SHA256.hash([1]), info: ImageInfo(width: 2, height: 2, format: .png))
        let failure = ItemFailure(.notAnImage, "/s/b.png: not an image")
        let broken = CatalogEntry(path: "/s/b.png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1), failure: failure)
        // Another worker's result for items it does not hold is dropped.
        #expect(try second.complete([ScanResult(entry: entry)]).isEmpty)
        #expect(try first.complete([ScanResult(entry: entry), ScanResult(entry: broken)]) == ["/s/a.png", "/s/b.png"])
        #expect(try first.complete([ScanResult(entry: entry)]).isEmpty)
        #expect(try catalog.allImages().map(\.path) == ["/s/a.png", "/s/b.png"])
        #expect(try catalog.image(at: "/s/b.png")?.failure == failure)
        let counts = try #require(try catalog.queueStatus().scans.first)
        #expect((counts.root, counts.pending, counts.leased, counts.done, counts.failed) == ("/s", 0, 0, 1, 1))
        // Listed again as it was read: nothing to do; at a new size: offered again, once.
        #expect(try second.list([listed("/s/a.png"), listed("/s/b.png")]) == 0)
        #expect(try second.list([listed("/s/a.png", size: 2)]) == 1)
        #expect(try first.list([listed("/s/a.png", size: 2)]) == 0)
        let again = try second.claim(limit: 10)
        #expect(again.map(\.path) == ["/s/a.png"])
        #expect(again.first?.catalogued == FileFingerprint(size: 1, modifiedNanoseconds: 1))
        #expect(again.first?.listed == FileFingerprint(size: 2, modifiedNanoseconds: 1))
        // Marking gone keeps the row, forgets the finished item, and counts a path once.
        #expect(try second.markGone(["/s/b.png"]) == ["/s/b.png"])
        #expect(try first.markGone(["/s/b.png"]).isEmpty)
        #expect(try catalog.image(at: "/s/b.png")?.isGone == true)
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE path = '/s/b.png'") == [0])
    }

    @Test("a path whose leases keep expiring (a file that kills every worker reading it) is failed after the last attempt")
    func poisonPath() throws {
        let scratch = try ScratchPostgres()
        let catalog = try PostgresCatalog(address: scratch.address)
        let queue = PostgresScanQueue(catalog: catalog, root: "/s", worker: WorkerIdentity(jobs: [.scan]), leaseSeconds: 0.05, maxAttempts: 2)
        try queue.list([listed("/s/bomb.png")])
        #expect(try queue.claim(limit: 1).count == 1)
        Thread.sleep(forTimeInterval: 0.15)
        #expect(try queue.claim(limit: 1).count == 1)
        Thread.sleep(forTimeInterval: 0.15)
        #expect(try queue.claim(limit: 1).isEmpty)
        let counts = try #require(try catalog.queueStatus().scans.first)
        #expect((counts.pending + counts.expired, counts.failed) == (0, 1))
        #expect(try queue.remaining() == (claimable: 0, leasedElsewhere: 0))
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE failure_kind = 'unreadable' AND failure LIKE '%expired 2 times%'") == [1])
    }

    @Test("workers claiming at once get disjoint paths that together are the whole listing")
    func disjointClaims() throws {
        let scratch = try ScratchPostgres()
        let catalog = try PostgresCatalog(address: scratch.address)
        try queue(catalog).list((0..<60).map { listed("/s/\($0).png") })
        let claimed = Mutex<[[String]]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            guard let own = try? PostgresCatalog(address: catalog.address) else { return }
            let mine = queue(own)
            var paths: [String] = []
            while let items = try? mine.claim(limit: 3), !items.isEmpty { paths += items.map(\.path) }
            claimed.withLock { $0.append(paths) }
        }
        let all = claimed.withLock { $0 }
        #expect(all.count == 4)
        #expect(all.flatMap { $0 }.count == 60 && Set(all.flatMap { $0 }).count == 60)
    }

    @Test("a file that became unreadable after it was listed is a typed failure; the rest is catalogued")
    func unreadableAfterListing() throws {
        let scratch = try ScratchPostgres()
        let photos = folder.folder("photos")
        for seed in 1...4 { _ = try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 40, height: 30, seed: UInt64(seed)) }
        // Listed as a file, then replaced by a folder (as root, permission bits would not stop a read).
        let replaced = folder.child("photos/replaced.jpg")
        let catalog = try PostgresCatalog(address: scratch.address)
        let lister = PostgresScanQueue(catalog: catalog, root: photos, worker: WorkerIdentity(jobs: [.scan]))
        #expect(try lister.list([ListedFile(path: replaced, hasValidName: true, fingerprint: FileFingerprint(size: 5, modifiedNanoseconds: 5))]) == 1)
        _ = folder.folder("photos/replaced.jpg")

        let context = JobContext(catalogPath: scratch.url, workers: 2)
        let summary = try WorkerJob(jobs: [.scan], roots: [photos]).run(in: context)
        #expect((summary.listed, summary.scanned, summary.scanFailed) == (4, 4, 1))
        #expect(summary.scanFailures.map(\.kind) == [.unreadable] && summary.scanFailures.first?.path == replaced)
        #expect(try catalog.image(at: replaced)?.failure?.kind == .unreadable)
        #expect(try catalog.usableImages(under: [photos]).count == 4)
        // A folder is no file: once the queue is drained its row is marked gone, as `scan` would, and kept.
        #expect(summary.gone == 1)
        #expect(try catalog.image(at: replaced)?.isGone == true)
        #expect(try catalog.queueStatus().scans.first?.done == 4)
        #expect(try catalog.queueStatus().workers.first?.finished == true)
    }

    @Test("Ctrl-C during a scan hands the unfinished paths back at once and marks nothing gone; the next run reads only those")
    func interrupted() throws {
        let scratch = try ScratchPostgres()
        let photos = folder.folder("photos")
        for seed in 1...12 { _ = try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 40, height: 30, seed: UInt64(seed)) }
        let catalog = try PostgresCatalog(address: scratch.address)
        // A path catalogued before and gone from the folder: only a scan that finishes may mark it gone.
        try catalog.record([CatalogEntry(path: folder.child("photos/old.png"), fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                                         contentHash: SHA256.hash([7]), info: ImageInfo(width: 2, height: 2, format: .png))])
        let token = CancellationToken()
        let context = JobContext(catalogPath: scratch.url, progress: CancelOnScanProgress(token: token), cancellation: token, workers: 1)
        let first = try WorkerJob(jobs: [.scan], roots: [photos], batchSize: 1).run(in: context)
        #expect(first.interrupted && first.gone == 0)
        #expect(first.scanned == 2 && first.listed == 12)
        #expect(try scratch.integers("SELECT count(*) FROM scan_item WHERE leased_by IS NOT NULL OR attempts > 1") == [0])
        #expect(try catalog.queueStatus().scans.first?.pending == 10)
        #expect(try catalog.image(at: folder.child("photos/old.png"))?.isGone == false)

        let second = try WorkerJob(jobs: [.scan], roots: [photos]).run(in: JobContext(catalogPath: scratch.url, workers: 2))
        #expect((second.interrupted, second.listed, second.scanned, second.gone) == (false, 0, 10, 1))
        #expect(try catalog.image(at: folder.child("photos/old.png"))?.isGone == true)
        #expect(try catalog.usableImages(under: [photos]).count == 12)
    }

    @Test("a scan over a SQLite catalog file is refused with a typed error naming `likeness scan`")
    func sqliteRefused() throws {
        let file = folder.child("c.sqlite")
        let context = JobContext(catalogPath: file)
        #expect {
            try WorkerJob(jobs: [.scan], roots: [folder.folder("photos")]).run(in: context)
        } throws: { error in
            guard case JobError.invalidInput(let message) = error else { return false }
            return message.contains("likeness scan DIR --catalog \(file)")
        }
    }
}

/// Cancels its token when the first claim of a scan has been recorded, as Ctrl-C would.
struct CancelOnScanProgress: ProgressReporter {
    let token: CancellationToken
    func begin(_ phase: String, total: Int?) {}
    func advance(_ phase: String, completed: Int, total: Int?) { if phase == "scan" { token.cancel() } }
    func end(_ phase: String) {}
}
