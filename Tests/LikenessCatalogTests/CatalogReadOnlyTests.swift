import Foundation
@testable import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

/// Read-only use: a read-only file, folder or medium, a WAL that was never checkpointed, a missing
/// or older catalog, and the scratch copy that lets filling jobs run without storing.
@Suite(.serialized) struct CatalogReadOnlyTests {
    let folder = TemporaryDirectory("catalog-ro")

    func entry(_ path: String) -> CatalogEntry {
        CatalogEntry(path: path, fingerprint: FileFingerprint(size: 10, modifiedNanoseconds: 1),
                     contentHash: SHA256.hash(Array(path.utf8)), info: ImageInfo(width: 4, height: 3, format: .png))
    }

    /// A closed catalog holding `/a/1.png`, `/a/2.png`, `/a/3.png`.
    func makeCatalog(_ name: String = "c.sqlite") throws -> String {
        let path = folder.child(name)
        try Catalog(path: path).record((1...3).map { entry("/a/\($0).png") })
        return path
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test("a read-only file opens read-only: rows are read, writes are refused by name, the file is unchanged")
    func readOnlyFile() throws {
        let path = try makeCatalog()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
        let before = try bytes(path)
        do {
            let catalog = try Catalog(path: path, access: .readOnly)
            #expect(try catalog.allImages().map(\.path) == ["/a/1.png", "/a/2.png", "/a/3.png"])
            #expect(throws: CatalogError.notWritable(path: path)) { try catalog.record([entry("/a/4.png")]) }
        }
        #expect(try bytes(path) == before)
        // Root may write a 0444 file; anyone else may not, and a writable open says so.
        #expect(Catalog.isWritable(at: path) == (geteuid() == 0))
        if geteuid() != 0 {
            #expect(throws: CatalogError.notWritable(path: path)) { try Catalog(path: path) }
        }
    }

    @Test("a read-only folder (a read-only medium as root): reads work, writing and creating are refused",
          .enabled(if: ReadOnlyFolder.isAvailable))
    func readOnlyFolder() throws {
        let medium = try ReadOnlyFolder(at: folder.child("ro"), copying: [try makeCatalog()])
        let path = medium.child("c.sqlite")
        #expect(!Catalog.isWritable(at: path))
        do {
            let catalog = try Catalog(path: path, access: .readOnly)
            #expect(try catalog.allImages().count == 3)
            #expect(try catalog.exactDuplicateGroups().isEmpty)
        }
        #expect(throws: CatalogError.notWritable(path: path)) { try Catalog(path: path) }
        let new = medium.child("new.sqlite")
        #expect(throws: CatalogError.notWritable(path: new)) { try Catalog(path: new) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: medium.path) == ["c.sqlite"])
        #expect(CatalogError.notWritable(path: path).description.contains(path))
    }

    @Test("a scratch catalog takes writes into a private copy: they are read back, the file never changes",
          .enabled(if: ReadOnlyFolder.isAvailable))
    func scratch() throws {
        let medium = try ReadOnlyFolder(at: folder.child("ro"), copying: [try makeCatalog()])
        let path = medium.child("c.sqlite")
        let before = try bytes(path)
        do {
            let catalog = try Catalog(path: path, access: .scratch)
            #expect(!catalog.holdsUnstoredChanges)
            try catalog.record([entry("/a/4.png")])
            try catalog.markGone(["/a/1.png"])
            #expect(catalog.holdsUnstoredChanges)
            #expect(try catalog.usableImages().map(\.path) == ["/a/2.png", "/a/3.png", "/a/4.png"])
        }
        #expect(try bytes(path) == before)
        #expect(try Catalog(path: path, access: .readOnly).usableImages().count == 3)
    }

    @Test("committed transactions still in the WAL are read when the catalog is copied into a read-only folder",
          .enabled(if: ReadOnlyFolder.isAvailable), arguments: [false, true])
    func uncheckpointedWAL(withSharedMemory: Bool) throws {
        let path = folder.child("busy.sqlite")
        // The writer stays open while the files are copied, as after a crash: nothing is checkpointed.
        let writer = try Catalog(path: path)
        try writer.record((1...3).map { entry("/a/\($0).png") })
        #expect(size(path + "-wal") > 0)
        let files = [path, path + "-wal"] + (withSharedMemory ? [path + "-shm"] : [])
        let medium = try ReadOnlyFolder(at: folder.child("ro"), copying: files)
        let mainOnly = try ReadOnlyFolder(at: folder.child("ro-main"), copying: [path])
        // The main file alone lacks the rows, so a reader that ignored the WAL would be silently wrong.
        #expect(((try? Catalog(path: mainOnly.child("busy.sqlite"), access: .readOnly).allImages().count) ?? 0) < 3)
        #expect(try Catalog(path: medium.child("busy.sqlite"), access: .readOnly).allImages().count == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: medium.path).sorted() == files.map { ($0 as NSString).lastPathComponent }.sorted())
        _ = writer
    }

    @Test("a writable catalog checkpoints when it closes, so the main file alone is complete")
    func checkpointOnClose() throws {
        let path = folder.child("shared.sqlite")
        // Another connection stays open, so SQLite's own checkpoint on the last close does not run.
        let other = try Catalog(path: path)
        do {
            let writer = try Catalog(path: path)
            try writer.record((1...3).map { entry("/a/\($0).png") })
            #expect(size(path + "-wal") > 0)
        }
        #expect(size(path + "-wal") == 0)
        let copy = folder.child("copy.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        #expect(try Catalog(path: copy, access: .readOnly).allImages().count == 3)
        _ = other
    }

    @Test("a missing catalog opened read-only is an error that names it and says to scan; nothing is created")
    func missing() throws {
        let path = folder.child("none", "c.sqlite")
        for access in [Catalog.Access.readOnly, .scratch] {
            #expect(throws: CatalogError.missing(path: path)) { try Catalog(path: path, access: access) }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.child("none")))
        let message = CatalogError.missing(path: path).description
        #expect(message.contains(path) && message.contains("likeness scan"))
        // An empty file is no catalog either.
        let empty = folder.file("empty.sqlite", bytes: [])
        #expect(throws: CatalogError.missing(path: empty)) { try Catalog(path: empty, access: .readOnly) }
        #expect(try bytes(empty).isEmpty)
    }

    @Test("an older schema opened read-only says to open it writable once; a writable open upgrades it")
    func olderSchema() throws {
        let path = try makeCatalog()
        try Catalog(path: path).database.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE clustering_member; DROP TABLE clustering; DROP TABLE decision; DROP TABLE image_signal; DROP TABLE image_feature; PRAGMA user_version = 3")
        }
        let before = try bytes(path)
        #expect(throws: CatalogError.olderSchema(path: path, version: 3)) { try Catalog(path: path, access: .readOnly) }
        #expect(try bytes(path) == before)
        let message = CatalogError.olderSchema(path: path, version: 3).description
        #expect(message.contains("catalog \(path) was written by an older Likeness; open it writable once to upgrade"))
        #expect(try Catalog(path: path).allImages().count == 3)
        #expect(try Catalog(path: path, access: .readOnly).allImages().count == 3)
    }

    @Test("the immutable URI escapes what SQLite would read as a query or an escape")
    func immutableURI() {
        #expect(Catalog.immutableURI("/data/my cat?#%.sqlite") == "file:/data/my%20cat%3F%23%25.sqlite?immutable=1")
        #expect(Catalog.immutableURI("/été/c.sqlite") == "file:/%C3%A9t%C3%A9/c.sqlite?immutable=1")
    }
}
