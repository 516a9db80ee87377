import Foundation
@testable import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

@Suite struct CatalogTests {
    let folder = TemporaryDirectory("catalog")

    func hash(_ text: String) -> ContentHash { SHA256.hash(Array(text.utf8)) }

    func entry(_ path: String, content: String, size: Int64 = 10) -> CatalogEntry {
        CatalogEntry(path: path, fingerprint: FileFingerprint(size: size, modifiedNanoseconds: 1),
                     contentHash: hash(content), info: ImageInfo(width: 4, height: 3, format: .png))
    }

    @Test("entries round-trip, including failures")
    func roundTrip() throws {
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        let failure = CatalogEntry(path: "/a/bad.jpg", fingerprint: nil, failure: ItemFailure(.corruptImage, "broken"))
        try catalog.record([entry("/a/x.png", content: "x"), failure])
        let good = try #require(try catalog.image(at: "/a/x.png"))
        #expect(good.contentHash == hash("x"))
        #expect(good.info == ImageInfo(width: 4, height: 3, format: .png))
        #expect(good.failure == nil && !good.isGone)
        let bad = try #require(try catalog.image(at: "/a/bad.jpg"))
        #expect(bad.failure == ItemFailure(.corruptImage, "broken"))
        #expect(bad.fingerprint == nil && bad.contentHash == nil)
    }

    @Test("re-recording a path replaces its row rather than duplicating it")
    func upsert() throws {
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        try catalog.record([entry("/a/x.png", content: "x")])
        try catalog.record([entry("/a/x.png", content: "y", size: 11)])
        let all = try catalog.allImages()
        #expect(all.count == 1)
        #expect(all[0].contentHash == hash("y"))
        #expect(all[0].fingerprint?.size == 11)
    }

    @Test("stored states are scoped to a folder, not to a name prefix")
    func scoping() throws {
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        try catalog.record([entry("/data/a/1.png", content: "1"), entry("/data/ab/2.png", content: "2"),
                            entry("/data/a/sub/3.png", content: "3")])
        let states = try catalog.storedStates(under: ["/data/a"])
        #expect(Set(states.keys) == ["/data/a/1.png", "/data/a/sub/3.png"])
        // Non-ASCII folder names: the range is byte-wise, like SQLite's ordering.
        try catalog.record([entry("/données/été/4.png", content: "4"), entry("/données/étés/5.png", content: "5"),
                            entry("/données/été/ß/6.png", content: "6")])
        #expect(Set(try catalog.storedStates(under: ["/données/été"]).keys) == ["/données/été/4.png", "/données/été/ß/6.png"])
    }

    @Test("gone rows stay, leave duplicate groups, and come back when recorded again")
    func gone() throws {
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        try catalog.record([entry("/a/1.png", content: "same"), entry("/a/2.png", content: "same"), entry("/a/3.png", content: "same")])
        #expect(try catalog.exactDuplicateGroups().first?.members.count == 3)
        try catalog.markGone(["/a/3.png"])
        #expect(try catalog.image(at: "/a/3.png")?.isGone == true)
        #expect(try catalog.exactDuplicateGroups().first?.members.map(\.path) == ["/a/1.png", "/a/2.png"])
        try catalog.record([entry("/a/3.png", content: "same")])
        #expect(try catalog.image(at: "/a/3.png")?.isGone == false)
    }

    @Test("exact groups: largest first, singletons left out, scoped by folder")
    func exactGroups() throws {
        let catalog = try Catalog(path: folder.child("c.sqlite"))
        try catalog.record([
            entry("/p/a1.png", content: "a"), entry("/p/a2.png", content: "a"),
            entry("/p/b1.png", content: "b"), entry("/p/b2.png", content: "b"), entry("/q/b3.png", content: "b"),
            entry("/p/c.png", content: "c"),
        ])
        let groups = try catalog.exactDuplicateGroups()
        #expect(groups.map { $0.members.count } == [3, 2])
        #expect(groups[0].contentHash == hash("b"))
        #expect(try catalog.exactDuplicateGroups(under: ["/q"]).isEmpty)
        #expect(try catalog.exactDuplicateGroups(under: ["/p"]).map { $0.members.count } == [2, 2])
    }

    @Test("a file that is not SQLite is refused and left untouched")
    func notADatabase() throws {
        let path = folder.file("notes.sqlite", bytes: Array("these are my notes, not a database\n".utf8))
        #expect(throws: CatalogError.notADatabase(path: path)) { try Catalog(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "these are my notes, not a database\n")
    }

    @Test("a SQLite file with a damaged body is reported, not overwritten")
    func corruptBody() throws {
        let path = folder.child("broken.sqlite")
        do {
            let catalog = try Catalog(path: path)
            try catalog.record([entry("/a/x.png", content: "x")])
        }
        // Keep the header, destroy everything after it.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        for i in 100..<bytes.count { bytes[i] = 0xA5 }
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(throws: CatalogError.self) {
            let catalog = try Catalog(path: path)
            _ = try catalog.allImages()
        }
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test("a catalog locked by another writer gives a typed error and keeps its rows")
    func locked() throws {
        let path = folder.child("locked.sqlite")
        let holder = try Catalog(path: path)
        try holder.record([entry("/a/kept.png", content: "k")])
        let other = try Catalog(path: path, busyTimeout: 0.2)
        try holder.database.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            #expect(throws: CatalogError.self) { try other.record([entry("/a/new.png", content: "n")]) }
            do {
                try other.record([entry("/a/new.png", content: "n")])
            } catch {
                guard case CatalogError.locked = error else { Issue.record("expected .locked, got \(error)"); return }
            }
            try db.execute(sql: "ROLLBACK")
        }
        #expect(try other.allImages().map(\.path) == ["/a/kept.png"])
    }

    @Test("two connections opening a new catalog at the same moment both succeed")
    func simultaneousOpen() throws {
        for round in 0..<20 {
            let path = folder.child("race-\(round).sqlite")
            let failures = NSLock()
            nonisolated(unsafe) var errors: [String] = []
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do { _ = try Catalog(path: path).allImages() } catch {
                    failures.lock(); errors.append("\(error)"); failures.unlock()
                }
            }
            #expect(errors.isEmpty, "round \(round): \(errors)")
        }
    }

    @Test("a catalog from a newer Likeness is refused, not downgraded")
    func newerSchema() throws {
        let path = folder.child("future.sqlite")
        let catalog = try Catalog(path: path)
        try catalog.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 99") }
        #expect(throws: CatalogError.newerSchema(path: path, version: 99)) { try Catalog(path: path) }
    }
}
