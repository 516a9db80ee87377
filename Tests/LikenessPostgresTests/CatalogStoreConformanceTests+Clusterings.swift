import Foundation
import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

/// The operations `cluster --save`, `cluster list|show|compare|delete` and `map --colour cluster:NAME`
/// need, in the one suite every ``CatalogStore`` passes.
extension CatalogStoreConformanceTests {
    func clustering(_ name: String, at seconds: Double, points: Int, clusters: Int, noise: Int) -> SavedClustering {
        SavedClustering(name: name, createdAt: Date(timeIntervalSince1970: seconds), settings: #"{"algorithm":"kmeans","name":"\#(name)"}"#,
                        points: points, clusters: clusters, noise: noise)
    }

    @Test("saved clusterings come back as saved, newest first then by name in byte order, members by label then path",
          arguments: StoreKind.allCases)
    func clusterings(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            try store.record([entry("/c/b.png", content: "b"), entry("/c/a.png", content: "a"), entry("/c/é.png", content: "e"),
                              entry("/c/z.png", content: "z")])
            let ids = Dictionary(uniqueKeysWithValues: try store.allImages().map { ($0.path, $0.id) })
            let a = try #require(ids["/c/a.png"]), b = try #require(ids["/c/b.png"])
            let e = try #require(ids["/c/é.png"]), z = try #require(ids["/c/z.png"])
            #expect(try store.clusterings().isEmpty && store.clustering(named: "none") == nil)

            // Fractional seconds come back exactly; equal times fall back to the name, "B" before "a".
            let first = clustering("a", at: 1_700_000_000.123456, points: 4, clusters: 2, noise: 1)
            let tie = clustering("B", at: 1_700_000_000.123456, points: 2, clusters: 1, noise: 0)
            let older = clustering("ünï", at: 1_600_000_000.5, points: 1, clusters: 1, noise: 0)
            #expect(try store.saveClustering(first, members: [(z, 1), (e, -1), (b, 0), (a, 1)]) == false)
            #expect(try store.saveClustering(tie, members: [(a, 0), (b, 0)]) == false)
            #expect(try store.saveClustering(older, members: []) == false)
            #expect(try store.clusterings() == [tie, first, older])

            let (saved, members) = try #require(try store.clustering(named: "a"))
            #expect(saved == first)
            #expect(members == [ClusterMembership(imageID: e, path: "/c/é.png", label: -1), ClusterMembership(imageID: b, path: "/c/b.png", label: 0),
                                ClusterMembership(imageID: a, path: "/c/a.png", label: 1), ClusterMembership(imageID: z, path: "/c/z.png", label: 1)])
            #expect(try store.clustering(named: "ünï")?.1 == [])
            #expect(try store.clustering(named: "A") == nil)

            // Saving under a taken name replaces the clustering and all its members.
            let again = clustering("a", at: 1_800_000_000, points: 1, clusters: 1, noise: 0)
            #expect(try store.saveClustering(again, members: [(z, 0)]) == true)
            #expect(try store.clustering(named: "a")?.0 == again)
            #expect(try store.clustering(named: "a")?.1 == [ClusterMembership(imageID: z, path: "/c/z.png", label: 0)])
            #expect(try store.clusterings().map(\.name) == ["a", "B", "ünï"])

            // A gone image stays a member (its row stays); deleting forgets only the clustering.
            try store.markGone(["/c/a.png"])
            #expect(try store.clustering(named: "B")?.1.map(\.path) == ["/c/a.png", "/c/b.png"])
            #expect(try store.deleteClustering(named: "B") == true)
            #expect(try store.deleteClustering(named: "B") == false)
            #expect(try store.clusterings().map(\.name) == ["a", "ünï"])
            #expect(try store.allImages().count == 4)
        }
    }
}
