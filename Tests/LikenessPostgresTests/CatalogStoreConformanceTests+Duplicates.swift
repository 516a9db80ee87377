import Foundation
import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

/// The operations `dupes` and `decisions` need, in the one suite every ``CatalogStore`` passes.
extension CatalogStoreConformanceTests {
    @Test("bit and continuous hashes come back bit for bit per method, are replaced, and are missing by method and folder",
          arguments: StoreKind.allCases)
    func hashes(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/p/1.png", content: "1"), entry("/p/2.png", content: "2"), entry("/q/3.png", content: "3")])
            let ids = Dictionary(uniqueKeysWithValues: try store.allImages().map { ($0.path, $0.id) })
            let one = try #require(ids["/p/1.png"]), two = try #require(ids["/p/2.png"]), three = try #require(ids["/q/3.png"])
            let odd = try #require(BitHash(hex: "80000000000000018", count: 65))
            let phash = try #require(BitHash(hex: "fedcba9876543210", count: 64))
            try store.storeHashes([(one, .pHash, phash), (one, .dHash, odd), (two, .dHash, phash)])
            #expect(try store.hashes(.pHash) == [one: phash])
            #expect(try store.hashes(.dHash) == [one: odd, two: phash])
            #expect(try store.hashes(.aHash).isEmpty)
            try store.storeHashes([(two, .dHash, odd)])
            #expect(try store.hashes(.dHash)[two] == odd)

            let awkward: [Double] = [-0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1 / 3, -.pi, 1e-300]
            try store.storeFeatures([(three, FeatureHash(method: .radialVariance, values: awkward)),
                                     (one, FeatureHash(method: .colorMoments, values: [1, 2]))])
            #expect(try store.features(.radialVariance)[three]?.values.map(\.bitPattern) == awkward.map(\.bitPattern))
            #expect(try store.perceptualValues(.features(.colorMoments)) == [one: .features(FeatureHash(method: .colorMoments, values: [1, 2]))])

            #expect(try store.imagesMissing(.bits(.pHash), under: nil).map(\.path) == ["/p/2.png", "/q/3.png"])
            #expect(try store.imagesMissing(.bits(.pHash), under: ["/p"]).map(\.path) == ["/p/2.png"])
            #expect(try store.imagesMissing(.features(.radialVariance), under: nil).map(\.path) == ["/p/1.png", "/p/2.png"])
            #expect(try store.imagesMissing(.bits(.dHash), under: nil).map(\.path) == ["/q/3.png"])

            // A file read again with new content, or gone, has no hashes.
            try store.record([entry("/p/1.png", content: "1 again")])
            try store.markGone(["/p/2.png"])
            #expect(try store.hashes(.pHash).isEmpty && store.hashes(.dHash).isEmpty)
            #expect(try store.features(.colorMoments).isEmpty && store.features(.radialVariance).keys.sorted() == [three])
            #expect(try store.imagesMissing(.bits(.dHash), under: nil).map(\.path) == ["/p/1.png", "/q/3.png"])
            #expect(try store.image(id: three)?.path == "/q/3.png" && store.image(id: three + 1000) == nil)
        }
    }

    @Test("exact duplicate groups: present files sharing content, largest first, within folders", arguments: StoreKind.allCases)
    func exactGroups(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/a/x1.png", content: "x"), entry("/b/x2.png", content: "x"), entry("/a/x3.png", content: "x"),
                              entry("/a/y1.png", content: "y"), entry("/a/y2.png", content: "y"), entry("/a/z.png", content: "z"),
                              entry("/a/w1.png", content: "w"), entry("/a/w2.png", content: "w")])
            try store.markGone(["/a/w2.png"])
            let groups = try store.exactDuplicateGroups()
            #expect(groups.map { $0.members.map(\.path) } == [["/a/x1.png", "/a/x3.png", "/b/x2.png"], ["/a/y1.png", "/a/y2.png"]])
            #expect(groups.first?.contentHash == hash("x"))
            #expect(try store.exactDuplicateGroups(under: ["/a"]).map { $0.members.map(\.path) }
                    == [["/a/x1.png", "/a/x3.png"], ["/a/y1.png", "/a/y2.png"]])
            #expect(try store.exactDuplicateGroups(under: ["/b"]).isEmpty)
            // By content, then path: what the grouping above is made from.
            let xs = ["/a/x1.png", "/a/x3.png", "/b/x2.png"], ys = ["/a/y1.png", "/a/y2.png"]
            #expect(try store.imagesSharingContent().map(\.path) == (hash("x").hex < hash("y").hex ? xs + ys : ys + xs))
        }
    }

    @Test("decisions are kept by content, replaced, listed oldest first and forgotten", arguments: StoreKind.allCases)
    func decisions(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/a/1.png", content: "1"), entry("/a/2.png", content: "2"), entry("/a/3.png", content: "3"),
                              CatalogEntry(path: "/a/unread.png", fingerprint: nil, failure: ItemFailure(.changedDuringScan, "changed"))])
            let images = Dictionary(uniqueKeysWithValues: try store.allImages().map { ($0.path, $0) })
            let one = try #require(images["/a/1.png"]), two = try #require(images["/a/2.png"]), three = try #require(images["/a/3.png"])
            try store.recordDistinct([(one, two), (three, try #require(images["/a/unread.png"]))], at: Date(timeIntervalSince1970: 200))
            try store.recordDistinct([(three, one), (one, one)], at: Date(timeIntervalSince1970: 100.5))
            let listed = try store.decisions()
            #expect(listed.map(\.decidedAt) == [100.5, 100.5, 200])
            #expect(listed.last == PairDecision(pair: DistinctPairs.Pair(hash("2"), hash("1")),
                                               firstPath: hash("1").hex < hash("2").hex ? "/a/1.png" : "/a/2.png",
                                               secondPath: hash("1").hex < hash("2").hex ? "/a/2.png" : "/a/1.png", decidedAt: 200))
            #expect(Set(listed.prefix(2).map(\.pair)) == [DistinctPairs.Pair(hash("1"), hash("3")), DistinctPairs.Pair(hash("1"), hash("1"))])
            let distinct = try store.distinctPairs()
            #expect(distinct.count == 3 && distinct.contains(hash("2"), hash("1")) && !distinct.contains(hash("2"), hash("3")))
            // Deciding a pair again replaces it (its time and paths); forgetting counts what was there.
            try store.recordDistinct([(two, one)], at: Date(timeIntervalSince1970: 300))
            #expect(try store.decisions().count == 3 && store.decisions().last?.decidedAt == 300)
            #expect(try store.forgetDistinct([DistinctPairs.Pair(hash("1"), hash("2")), DistinctPairs.Pair(hash("2"), hash("3"))]) == 1)
            #expect(try store.distinctPairs().count == 2)
        }
    }
}
