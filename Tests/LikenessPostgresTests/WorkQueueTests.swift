import Foundation
import LikenessCatalog
import LikenessCore
import LikenessPostgres
import LikenessTestSupport
import Synchronization
import Testing

/// The shared catalog's queue: claims never overlap, expired leases are taken again, and a result
/// is stored once however late its first worker comes back.
@Suite struct WorkQueueTests {
    let task = WorkTask(kind: .embed, method: "m", version: "f")

    /// Runs `body` on a scratch catalog with `count` usable images; the database lives until `body` returns.
    func seeded(_ count: Int, _ body: (ScratchPostgres, PostgresCatalog) throws -> Void) throws {
        let scratch = try ScratchPostgres()
        let catalog = try PostgresCatalog(address: scratch.address)
        try catalog.record((0..<count).map { index in
            CatalogEntry(path: "/w/\(index).png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                         contentHash: SHA256.hash(Array("\(index)".utf8)), info: ImageInfo(width: 2, height: 2, format: .png))
        })
        try withExtendedLifetime(scratch) { try body(scratch, catalog) }
    }

    func worker(_ catalog: PostgresCatalog, lease: Double = 60, maxAttempts: Int = 5) -> PostgresWorkQueue {
        PostgresWorkQueue(catalog: catalog, task: task, worker: WorkerIdentity(jobs: [.embed]), leaseSeconds: lease, maxAttempts: maxAttempts)
    }

    @Test("each image is queued once, whoever enqueues; images with a current vector are not queued")
    func enqueue() throws {
        try seeded(5) { _, catalog in
            let done = try #require(try catalog.image(at: "/w/0.png"))
            try catalog.storeEmbeddings([(done.id, [1])], model: "m", fingerprint: "f")
            try catalog.record([CatalogEntry(path: "/w/broken.png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                                             failure: ItemFailure(.notAnImage, "text"))])
            #expect(try worker(catalog).enqueue() == 4)
            #expect(try worker(catalog).enqueue() == 0)
            let other = PostgresWorkQueue(catalog: catalog, task: WorkTask(kind: .embed, method: "m", version: "g"), worker: WorkerIdentity(jobs: [.embed]))
            #expect(try other.enqueue() == 5)
            let status = try catalog.queueStatus()
            #expect(status.images == 5)
            #expect(status.tasks.map { [$0.task.version: $0.pending] } == [["f": 4], ["g": 5]])
        }
    }

    @Test("workers claiming at once get disjoint items that together are the whole queue")
    func disjointClaims() throws {
        try seeded(60) { _, catalog in
            try worker(catalog).enqueue()
            let claimed = Mutex<[[Int64]]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                // Each worker has its own connection, as separate processes do.
                guard let own = try? PostgresCatalog(address: catalog.address) else { return }
                let queue = worker(own)
                var mine: [Int64] = []
                while let items = try? queue.claim(limit: 3), !items.isEmpty { mine += items.map(\.id) }
                claimed.withLock { $0.append(mine) }
            }
            let all = claimed.withLock { $0 }
            #expect(all.count == 4)
            let flat = all.flatMap { $0 }
            #expect(flat.count == 60)
            #expect(Set(flat).count == 60)
        }
    }

    @Test("an expired lease is claimed again; the first worker's late result is dropped and the vector stored once")
    func expiredLease() throws {
        try seeded(3) { scratch, catalog in
            // A lease long enough not to run out on a loaded machine; it is ended below by the clock
            // of the server, which is what the queue reads.
            let slow = worker(catalog)
            try slow.enqueue()
            let held = try slow.claim(limit: 10)
            #expect(held.count == 3)
            let fast = worker(try PostgresCatalog(address: catalog.address))
            #expect(try fast.claim(limit: 10).isEmpty)
            #expect(try fast.remaining() == (claimable: 0, leasedElsewhere: 3))
            try scratch.execute("UPDATE work_item SET lease_until = now() - interval '1 second' WHERE leased_by IS NOT NULL")
            #expect(try catalog.queueStatus().tasks.first?.expired == 3)
            let taken = try fast.claim(limit: 10)
            #expect(taken.map(\.image.path) == held.map(\.image.path))
            let late = try slow.complete(vectors: held.map { ($0, [Float(1)]) }, failures: [])
            #expect(late == PostgresWorkQueue.Completion(stored: 0, failed: 0, lost: 3))
            let first = try fast.complete(vectors: taken.map { ($0, [Float(2)]) }, failures: [])
            #expect(first.stored == 3 && first.lost == 0)
            #expect(try catalog.embeddings(model: "m", fingerprint: "f").values.map { $0 } == [[2], [2], [2]])
            #expect(try scratch.integers("SELECT count(*) FROM work_item WHERE state = 'done' AND done_by = '\(fast.worker.id)'") == [3])
            #expect(try scratch.integers("SELECT max(attempts) FROM work_item") == [2])
            #expect(try fast.remaining() == (claimable: 0, leasedElsewhere: 0))
        }
    }

    @Test("a clean stop hands unfinished items back at once; failures are final; status counts items and workers")
    func releaseAndFailures() throws {
        try seeded(4) { _, catalog in
            let first = worker(catalog)
            try first.register()
            try first.enqueue()
            let items = try first.claim(limit: 4)
            let done = try first.complete(vectors: [(items[0], [1])], failures: [(items[1], "unreadable")])
            #expect(done == PostgresWorkQueue.Completion(stored: 1, failed: 1, lost: 0))
            try first.release()
            try first.finish()
            let second = worker(catalog)
            try second.register()
            let rest = try second.claim(limit: 10)
            #expect(rest.map(\.id) == [items[2].id, items[3].id])
            let status = try catalog.queueStatus()
            let counts = try #require(status.tasks.first)
            #expect((counts.pending, counts.leased, counts.expired, counts.done, counts.failed) == (0, 2, 0, 1, 1))
            #expect(status.workers.count == 2)
            let firstState = status.workers.first { $0.identity.id == first.worker.id }
            let secondState = status.workers.first { $0.identity.id == second.worker.id }
            #expect(firstState?.done == 2 && firstState?.finished == true)
            #expect(secondState?.done == 0 && secondState?.finished == false)
        }
    }

    @Test("an item whose leases keep expiring is failed after the last attempt instead of killing workers forever")
    func poisonItem() throws {
        try seeded(1) { _, catalog in
            let queue = worker(catalog, lease: 0.05, maxAttempts: 2)
            try queue.enqueue()
            #expect(try queue.claim(limit: 1).count == 1)
            Thread.sleep(forTimeInterval: 0.15)
            #expect(try queue.claim(limit: 1).count == 1)
            Thread.sleep(forTimeInterval: 0.15)
            #expect(try queue.claim(limit: 1).isEmpty)
            let counts = try #require(try catalog.queueStatus().tasks.first)
            #expect((counts.pending + counts.expired, counts.failed) == (0, 1))
            #expect(try queue.remaining() == (claimable: 0, leasedElsewhere: 0))
        }
    }
}
