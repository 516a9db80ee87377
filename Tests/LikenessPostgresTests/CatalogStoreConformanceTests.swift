import Foundation
import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

/// One suite that every ``CatalogStore`` passes: the embedded SQLite catalog and the shared
/// PostgreSQL one. The PostgreSQL runs need the server `make test` starts; without it they fail.
@Suite struct CatalogStoreConformanceTests {
    func hash(_ text: String) -> ContentHash { SHA256.hash(Array(text.utf8)) }

    func entry(_ path: String, content: String, size: Int64 = 10) -> CatalogEntry {
        CatalogEntry(path: path, fingerprint: FileFingerprint(size: size, modifiedNanoseconds: 1_700_000_000_123_456_789),
                     contentHash: hash(content), info: ImageInfo(width: 4, height: 3, format: .png))
    }

    @Test("entries round-trip, including failures and files that changed while read", arguments: StoreKind.allCases)
    func roundTrip(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            let failure = CatalogEntry(path: "/a/bad.jpg", fingerprint: FileFingerprint(size: 5, modifiedNanoseconds: 2),
                                       contentHash: hash("bad"), failure: ItemFailure(.corruptImage, "broken"))
            let moving = CatalogEntry(path: "/a/moving.jpg", fingerprint: nil, failure: ItemFailure(.changedDuringScan, "changed"))
            try store.record([entry("/a/x.png", content: "x"), failure, moving])
            let good = try #require(try store.image(at: "/a/x.png"))
            #expect(good.contentHash == hash("x"))
            #expect(good.fingerprint == FileFingerprint(size: 10, modifiedNanoseconds: 1_700_000_000_123_456_789))
            #expect(good.info == ImageInfo(width: 4, height: 3, format: .png))
            #expect(good.failure == nil && !good.isGone)
            let bad = try #require(try store.image(at: "/a/bad.jpg"))
            #expect(bad.failure == ItemFailure(.corruptImage, "broken") && bad.info == nil && bad.contentHash == hash("bad"))
            #expect(try store.image(at: "/a/moving.jpg")?.fingerprint == nil)
            #expect(try store.image(at: "/a/none.png") == nil)
            #expect(try store.allImages().map(\.path) == ["/a/bad.jpg", "/a/moving.jpg", "/a/x.png"])
            #expect(try store.usableImages(under: nil).map(\.path) == ["/a/x.png"])
            #expect(try store.storedStates(under: ["/a"])["/a/moving.jpg"] == StoredState(fingerprint: nil, isGone: false))
        }
    }

    @Test("re-recording a path replaces its row, keeps its id, and forgets vectors and signals of the old content",
          arguments: StoreKind.allCases)
    func upsert(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/a/x.png", content: "x"), entry("/a/y.png", content: "y")])
            let x = try #require(try store.image(at: "/a/x.png")), y = try #require(try store.image(at: "/a/y.png"))
            try store.storeEmbeddings([(x.id, [1, 0]), (y.id, [0, 1])], model: "m", fingerprint: "f")
            try store.storeSignals(.sharpness, version: 1, [(x.id, Data([1])), (y.id, Data([2]))])
            try store.record([entry("/a/x.png", content: "x2", size: 11)])
            let all = try store.allImages()
            #expect(all.count == 2)
            #expect(all.first { $0.path == "/a/x.png" }?.id == x.id)
            #expect(all.first { $0.path == "/a/x.png" }?.contentHash == hash("x2"))
            #expect(try store.embeddings(model: "m", fingerprint: "f").keys.sorted() == [y.id])
            #expect(try store.signals(.sharpness, version: 1, for: [x.id, y.id]) == [y.id: Data([2])])
            #expect(try store.imagesMissingEmbedding(model: "m", fingerprint: "f", under: nil).map(\.path) == ["/a/x.png"])
        }
    }

    @Test("folders are scopes, not name prefixes, in byte order also for non-ASCII names", arguments: StoreKind.allCases)
    func scoping(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/data/a/1.png", content: "1"), entry("/data/ab/2.png", content: "2"),
                              entry("/data/a/sub/3.png", content: "3"), entry("/data/a", content: "file named like the folder"),
                              entry("/data/a.png", content: "4"), entry("/data/a0/5.png", content: "5")])
            #expect(Set(try store.storedStates(under: ["/data/a"]).keys) == ["/data/a", "/data/a/1.png", "/data/a/sub/3.png"])
            #expect(Set(try store.storedStates(under: ["/data/a/"]).keys) == ["/data/a", "/data/a/1.png", "/data/a/sub/3.png"])
            try store.record([entry("/données/été/4.png", content: "4"), entry("/données/étés/5.png", content: "5"),
                              entry("/données/été/ß/6.png", content: "6"), entry("/données/étéZ.png", content: "7")])
            #expect(Set(try store.storedStates(under: ["/données/été"]).keys) == ["/données/été/4.png", "/données/été/ß/6.png"])
            #expect(try store.usableImages(under: ["/données/été"]).map(\.path) == ["/données/été/4.png", "/données/été/ß/6.png"])
            // Path order is byte order: "Z" (0x5A) sorts before "é" (0xC3 0xA9) and "/" before "s".
            #expect(try store.allImages().map(\.path).filter { $0.hasPrefix("/données") }
                    == ["/données/été/4.png", "/données/été/ß/6.png", "/données/étéZ.png", "/données/étés/5.png"].sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
            #expect(Set(try store.storedStates(under: ["/"]).keys).count == 10)
        }
    }

    @Test("gone rows stay, leave every present query, and come back when recorded again", arguments: StoreKind.allCases)
    func gone(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/a/1.png", content: "1"), entry("/a/2.png", content: "2")])
            let two = try #require(try store.image(at: "/a/2.png"))
            try store.storeEmbeddings([(two.id, [0.5, 0.25])], model: "m", fingerprint: "f")
            try store.markGone(["/a/2.png", "/a/never-catalogued.png"])
            #expect(try store.image(at: "/a/2.png")?.isGone == true)
            #expect(try store.storedStates(under: ["/a"])["/a/2.png"]?.isGone == true)
            #expect(try store.usableImages(under: nil).map(\.path) == ["/a/1.png"])
            #expect(try store.embeddings(model: "m", fingerprint: "f").isEmpty)
            #expect(try store.imagesMissingEmbedding(model: "m", fingerprint: "f", under: nil).map(\.path) == ["/a/1.png"])
            #expect(try store.allImages().count == 2)
            try store.record([entry("/a/2.png", content: "2")])
            #expect(try store.image(at: "/a/2.png")?.isGone == false)
            #expect(try store.usableImages(under: nil).count == 2)
        }
    }

    @Test("vectors come back bit for bit; other weights are stale; missing ones are listed by folder", arguments: StoreKind.allCases)
    func embeddings(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/p/1.png", content: "1"), entry("/p/2.png", content: "2"), entry("/q/3.png", content: "3"),
                              CatalogEntry(path: "/p/broken.png", fingerprint: FileFingerprint(size: 1, modifiedNanoseconds: 1),
                                           failure: ItemFailure(.notAnImage, "text"))])
            let ids = Dictionary(uniqueKeysWithValues: try store.allImages().map { ($0.path, $0.id) })
            let awkward: [Float] = [-0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1 / 3, -.pi, 1e-30]
            try store.storeEmbeddings([(ids["/p/1.png"]!, awkward), (ids["/q/3.png"]!, [1, 2, 3, 4, 5, 6])], model: "m", fingerprint: "f1")
            let read = try store.embeddings(model: "m", fingerprint: "f1")
            #expect(read.count == 2)
            #expect(read[ids["/p/1.png"]!]?.map(\.bitPattern) == awkward.map(\.bitPattern))
            #expect(try store.imagesMissingEmbedding(model: "m", fingerprint: "f1", under: nil).map(\.path) == ["/p/2.png"])
            #expect(try store.imagesMissingEmbedding(model: "m", fingerprint: "f1", under: ["/q"]).isEmpty)
            #expect(try store.imagesMissingEmbedding(model: "other", fingerprint: "f1", under: ["/q"]).map(\.path) == ["/q/3.png"])
            // New weights of the same model: the old vector of /q/3.png is replaced, the other stays stale.
            try store.storeEmbeddings([(ids["/q/3.png"]!, [6, 5, 4])], model: "m", fingerprint: "f2")
            #expect(try store.staleEmbeddingCount(model: "m", fingerprint: "f2") == 1)
            #expect(try store.embeddings(model: "m", fingerprint: "f2") == [ids["/q/3.png"]!: [6, 5, 4]])
            #expect(try store.embeddings(model: "m", fingerprint: "f1").keys.sorted() == [ids["/p/1.png"]!])
            #expect(try store.staleEmbeddingCount(model: "m", fingerprint: "f1") == 1)
        }
    }

    @Test("signals are kept per kind and version and replaced when stored again", arguments: StoreKind.allCases)
    func signals(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/a/1.png", content: "1"), entry("/a/2.png", content: "2"), entry("/a/3.png", content: "3")])
            let ids = try store.allImages().map(\.id)
            try store.storeSignals(.dihedralPHash, version: 3, [(ids[0], Data([1, 2, 3])), (ids[1], Data())])
            try store.storeSignals(.sharpness, version: 1, [(ids[0], Data([9]))])
            #expect(try store.signals(.dihedralPHash, version: 3, for: ids) == [ids[0]: Data([1, 2, 3]), ids[1]: Data()])
            #expect(try store.signals(.dihedralPHash, version: 3, for: [ids[1], ids[2]]) == [ids[1]: Data()])
            #expect(try store.signals(.dihedralPHash, version: 4, for: ids).isEmpty)
            #expect(try store.signals(.dihedralPHash, version: 3, for: []).isEmpty)
            try store.storeSignals(.dihedralPHash, version: 4, [(ids[0], Data([7]))])
            #expect(try store.signals(.dihedralPHash, version: 3, for: ids) == [ids[1]: Data()])
            #expect(try store.signals(.dihedralPHash, version: 4, for: ids) == [ids[0]: Data([7])])
            #expect(try store.signals(.sharpness, version: 1, for: ids) == [ids[0]: Data([9])])
        }
    }
}
