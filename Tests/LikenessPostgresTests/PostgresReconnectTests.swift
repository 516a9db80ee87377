import Foundation
import LikenessCatalog
import LikenessCore
@testable import LikenessPostgres
import LikenessTestSupport
import Testing

/// A long-lived catalog (the server's, a worker's) outlives its connection: when the server ends
/// it, the next statement connects again.
@Suite struct PostgresReconnectTests {
    @Test("after the server ends the catalog's connection, the next reads and writes connect again and see everything stored")
    func reconnect() throws {
        let scratch = try ScratchPostgres()
        let catalog = try PostgresCatalog(address: scratch.address)
        try catalog.record([CatalogEntry(path: "/r/1.png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                                         contentHash: SHA256.hash([1]), info: ImageInfo(width: 2, height: 2, format: .png))])
        // What a restart or an administrator does: every other connection to the database is ended.
        let ended = try scratch.integers("""
            SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()) AS t
            """)
        #expect(ended.first ?? 0 >= 1)
        // The client learns of it when its event loop reads the end of the stream.
        for _ in 0..<1_000 where !catalog.session.isDisconnected { Thread.sleep(forTimeInterval: 0.01) }
        #expect(catalog.session.isDisconnected)
        #expect(try catalog.allImages().map(\.path) == ["/r/1.png"])
        #expect(!catalog.session.isDisconnected)
        let id = try #require(try catalog.image(at: "/r/1.png")?.id)
        try catalog.storeEmbeddings([(id, [1, 2])], model: "m", fingerprint: "f")
        #expect(try PostgresCatalog(address: scratch.address).embeddings(model: "m", fingerprint: "f") == [id: [1, 2]])
    }
}
