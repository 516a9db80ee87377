import Foundation
import LikenessCatalog
import LikenessCore
import LikenessPostgres
import LikenessTestSupport
import Synchronization
import Testing

@Suite struct PostgresCatalogErrorTests {
    @Test("a server that is not there is `unreachable`, naming the address without its password")
    func unreachable() throws {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        let address = PostgresAddress(host: "127.0.0.1", port: 1, user: "likeness", password: "hidden", database: "photos")
        #expect {
            try PostgresCatalog(address: address)
        } throws: { error in
            guard case CatalogError.unreachable(let location, _) = error else { return false }
            return location == "postgres://likeness:***@127.0.0.1:1/photos" && !"\(error)".contains("hidden")
        }
    }

    @Test("a database that does not exist on a running server is `unreachable`, with the server's reason")
    func unknownDatabase() throws {
        let scratch = try ScratchPostgres()
        #expect {
            try PostgresCatalog(address: scratch.address.database("likeness_no_such_database"))
        } throws: { error in
            guard case CatalogError.unreachable(_, let message) = error else { return false }
            return message.contains("likeness_no_such_database") && message.contains("3D000")
        }
    }

    @Test("a catalog of a newer schema is refused and left untouched; an up-to-date one opens again")
    func newerSchema() throws {
        let scratch = try ScratchPostgres()
        _ = try PostgresCatalog(address: scratch.address)
        _ = try PostgresCatalog(address: scratch.address)
        #expect(try scratch.integers("SELECT version FROM likeness_schema") == [4])
        try scratch.execute("UPDATE likeness_schema SET version = 99")
        #expect(throws: CatalogError.newerSchema(path: scratch.address.description, version: 99)) {
            try PostgresCatalog(address: scratch.address)
        }
        #expect(try scratch.integers("SELECT version FROM likeness_schema") == [99])
        #expect(try scratch.integers("SELECT count(*) FROM image") == [0])
    }

    @Test("a version-1 catalog (before hashes, decisions, clusterings and the scan queue) is upgraded in place, keeping its images and vectors")
    func upgradeFromVersionOne() throws {
        let scratch = try ScratchPostgres()
        let first = try PostgresCatalog(address: scratch.address)
        try first.record([CatalogEntry(path: "/a/1.png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                                       contentHash: SHA256.hash(Array("1".utf8)), info: ImageInfo(width: 4, height: 3, format: .png))])
        let id = try #require(try first.image(at: "/a/1.png")?.id)
        try first.storeEmbeddings([(id, [1, 2])], model: "m", fingerprint: "f")
        // What version 1 had: no hash, feature, decision or clustering tables.
        for table in ["image_hash", "image_feature", "decision", "clustering_member", "clustering", "scan_item"] { try scratch.execute("DROP TABLE \(table)") }
        try scratch.execute("UPDATE likeness_schema SET version = 1")
        let upgraded = try PostgresCatalog(address: scratch.address)
        #expect(try scratch.integers("SELECT version FROM likeness_schema") == [4])
        #expect(try upgraded.embeddings(model: "m", fingerprint: "f") == [id: [1, 2]])
        let hash = try #require(BitHash(hex: "ff00", count: 16))
        try upgraded.storeHashes([(id, .pHash, hash)])
        #expect(try upgraded.hashes(.pHash) == [id: hash] && upgraded.decisions().isEmpty)
        #expect(try upgraded.clusterings().isEmpty)
        #expect(try upgraded.saveClustering(SavedClustering(name: "k", createdAt: Date(timeIntervalSince1970: 1), settings: "{}",
                                                            points: 1, clusters: 1, noise: 0), members: [(id, 0)]) == false)
        #expect(try upgraded.clustering(named: "k")?.1 == [ClusterMembership(imageID: id, path: "/a/1.png", label: 0)])
        #expect(try scratch.integers("SELECT count(*) FROM scan_item") == [0])
    }

    @Test("workers that open a new database at once create its schema once")
    func concurrentMigration() throws {
        let scratch = try ScratchPostgres()
        let address = scratch.address
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            do { _ = try PostgresCatalog(address: address) } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(try scratch.integers("SELECT count(*) FROM likeness_schema") == [1])
    }
}
