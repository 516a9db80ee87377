import Foundation
import LikenessCatalog
import LikenessCore
import LikenessPostgres
import LikenessTestSupport
import Testing

/// The hashing tasks of the shared catalog's queue, one per perceptual method: an image is queued
/// while the method lacks its value, and a claim's values are stored once, with its items, by the
/// worker holding them.
@Suite struct HashQueueTests {
    let bits = BitHash(bits: (0..<64).map { $0 % 3 == 0 })

    @Test("images lacking the method's value are queued once per method; completing stores them, and a late worker's values are dropped")
    func hashing() throws {
        let scratch = try ScratchPostgres()
        let catalog = try PostgresCatalog(address: scratch.address)
        try catalog.record((0..<4).map { index in
            CatalogEntry(path: "/h/\(index).png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                         contentHash: SHA256.hash(Array("\(index)".utf8)), info: ImageInfo(width: 2, height: 2, format: .png))
        })
        let ids = try catalog.allImages().map(\.id)
        // Image 0 has its pHash already; nothing has colour moments.
        try catalog.storeHashes([(ids[0], .pHash, bits)])
        let moments = PostgresWorkQueue(catalog: catalog, task: .hashing(.features(.colorMoments)), worker: WorkerIdentity(jobs: [.hash]))
        #expect(try moments.enqueue() == 4)
        let slow = PostgresWorkQueue(catalog: catalog, task: .hashing(.bits(.pHash)), worker: WorkerIdentity(jobs: [.hash]), leaseSeconds: 0.2)
        #expect(try slow.enqueue() == 3)
        #expect(try slow.enqueue() == 0)
        let held = try slow.claim(limit: 10)
        #expect(held.map(\.image.path) == ["/h/1.png", "/h/2.png", "/h/3.png"])
        // The lease expires; another worker takes the items and completes them first.
        Thread.sleep(forTimeInterval: 0.3)
        let fast = PostgresWorkQueue(catalog: try PostgresCatalog(address: scratch.address), task: .hashing(.bits(.pHash)),
                                     worker: WorkerIdentity(jobs: [.hash]))
        let taken = try fast.claim(limit: 10)
        #expect(taken.map(\.id) == held.map(\.id))
        let other = BitHash(bits: (0..<64).map { $0 % 5 == 0 })
        let done = try fast.complete(hashes: taken.dropLast().map { ($0, [(.bits(.pHash), .bits(other))]) }, failures: [(taken[2], "unreadable")])
        #expect(done == PostgresWorkQueue.Completion(stored: 2, failed: 1, lost: 0))
        let late = try slow.complete(hashes: held.map { ($0, [(.bits(.pHash), .bits(bits))]) }, failures: [])
        #expect(late == PostgresWorkQueue.Completion(stored: 0, failed: 0, lost: 3))
        #expect(try catalog.hashes(.pHash) == [ids[0]: bits, ids[1]: other, ids[2]: other])
        #expect(try catalog.features(.colorMoments).isEmpty)
        #expect(try slow.enqueue() == 0, "done and failed items are not queued again")
        let status = try catalog.queueStatus()
        let phash = try #require(status.tasks.first { $0.task == .hashing(.bits(.pHash)) })
        #expect((phash.pending, phash.done, phash.failed) == (0, 2, 1))
        #expect(status.tasks.first { $0.task == .hashing(.features(.colorMoments)) }?.pending == 4)
    }
}
