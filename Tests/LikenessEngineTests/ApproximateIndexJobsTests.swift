import Foundation
import LikenessANN
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// `--index` in the engine: search and dupes through an approximate index find what the exact
/// index finds on a small set, name the index they used, and refuse what an index cannot do.
@Suite(.serialized) struct ApproximateIndexJobsTests {
    let folder = TemporaryDirectory("ann-jobs")

    func context() -> JobContext {
        JobContext(catalogPath: folder.child("c.sqlite"),
                   models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary), workers: 2)
    }

    /// Five unrelated patterns, and a half-size copy of the first.
    func makeSet() throws -> String {
        let photos = folder.folder("photos")
        try Fixtures.writeBlurredPatterns(in: photos, count: 5)
        return photos
    }

    @Test("search through HNSW lists what exact search lists, and says which index it used")
    func search() throws {
        let photos = try makeSet()
        _ = try ScanJob(roots: [photos]).run(in: context())
        let query = folder.child("photos/1-half.png")
        let exact = try SearchJob(queries: [query], k: 3).run(in: context())
        let hnsw = try SearchJob(queries: [query], k: 3, index: .approximate(.hnsw(HNSWParameters()))).run(in: context())
        #expect(exact.index == "exact")
        #expect(hnsw.index == "hnsw:m=32,efConstruction=64,ef=64")
        #expect(hnsw.queries[0].matches.map(\.path) == exact.queries[0].matches.map(\.path))
        #expect(exact.indexOrigin == nil && hnsw.indexOrigin == .built)
        let again = try SearchJob(queries: [query], k: 3, index: .approximate(.hnsw(HNSWParameters()))).run(in: context())
        #expect(again.indexOrigin == .loaded(added: 0) && again.queries == hnsw.queries, "the next search reads the saved graph and finds the same")
        for (a, b) in zip(hnsw.queries[0].matches, exact.queries[0].matches) { #expect(abs(a.similarity! - b.similarity!) < 1e-4) }
        // Six images are far below the size where auto leaves exact search.
        #expect(try SearchJob(queries: [query], k: 3, index: .auto).run(in: context()).index == "exact")
        do {
            _ = try SearchJob(queries: [query], metric: .manhattan, index: .approximate(.hnsw(HNSWParameters()))).run(in: context())
            Issue.record("an approximate index searched by Manhattan distance")
        } catch {
            #expect(error.description.contains("--index exact"), "\(error)")
        }
    }

    @Test("dupes through HNSW candidates groups what the exact candidates group")
    func dupes() throws {
        let photos = try makeSet()
        guard case .embedding(let exact) = try DupesJob(folders: [photos]).run(in: context()),
              case .embedding(let hnsw) = try DupesJob(folders: [photos], index: .approximate(.hnsw(HNSWParameters()))).run(in: context())
        else { Issue.record("not embedding mode"); return }
        #expect(hnsw.index?.hasPrefix("hnsw:") == true && exact.index == "exact")
        #expect(!exact.groups.isEmpty)
        #expect(hnsw.groups.map(\.keep) == exact.groups.map(\.keep))
        #expect(hnsw.groups.map { $0.members.map(\.path) } == exact.groups.map { $0.members.map(\.path) })
    }

    @Test("novelty and leakage through HNSW find the nearest references that exact search finds")
    func splits() throws {
        let photos = try makeSet()
        let train = folder.folder("train"), test = folder.folder("test")
        for name in ["1.png", "2.png", "3.png", "4.png"] { try FileManager.default.copyItem(atPath: "\(photos)/\(name)", toPath: "\(train)/\(name)") }
        for name in ["1-half.png", "5.png"] { try FileManager.default.copyItem(atPath: "\(photos)/\(name)", toPath: "\(test)/\(name)") }
        let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))
        let exact = try NoveltyJob(reference: train, query: test).run(in: context())
        let approximate = try NoveltyJob(reference: train, query: test, index: hnsw).run(in: context())
        #expect(approximate.index?.hasPrefix("hnsw:") == true && exact.index == "exact")
        #expect(approximate.queries.map(\.nearest) == exact.queries.map(\.nearest))
        #expect(approximate.queries.map(\.novel) == exact.queries.map(\.novel))
        let leaks = try LeakageJob(train: train, test: test).run(in: context())
        let approximateLeaks = try LeakageJob(train: train, test: test, index: hnsw).run(in: context())
        #expect(approximateLeaks.pairs.map(\.second) == leaks.pairs.map(\.second) && !leaks.pairs.isEmpty)
        // The reference graph is kept next to the catalog, as search's and dupes' are.
        #expect(exact.indexOrigin == nil && approximate.indexOrigin == .built)
        #expect(approximateLeaks.indexOrigin == .loaded(added: 0))
        // A new reference whose path sorts first: the saved graph appends it, so its ids no longer
        // follow path order, and answers must still name the right files.
        try FileManager.default.copyItem(atPath: "\(photos)/5.png", toPath: "\(train)/0.png")
        let exactAfter = try NoveltyJob(reference: train, query: test).run(in: context())
        let loaded = try NoveltyJob(reference: train, query: test, index: hnsw).run(in: context())
        #expect(loaded.indexOrigin == .loaded(added: 1))
        #expect(loaded.queries.map(\.nearest) == exactAfter.queries.map(\.nearest))
        #expect(loaded.queries.contains { $0.nearest == "\(train)/0.png" && $0.query.hasSuffix("/5.png") })
    }

    @Test("index parameters that do not fit the model are a job error naming the parameter")
    func badParameters() throws {
        let photos = try makeSet()
        let odd = IndexChoice.approximate(.ivfPQ(IVFPQParameters(ivf: IVFParameters(nlist: 2, trainingSize: 256), m: 7)))
        do {
            _ = try SearchJob(queries: [folder.child("photos/1.png")], index: odd).run(in: context())
            Issue.record("m=7 was accepted")
        } catch {
            #expect(error.description.contains("m=7") && error.description.contains("divide"), "\(error)")
        }
        _ = photos
    }

    @Test("cluster --index hnsw: DBSCAN and HDBSCAN find the clusters exact neighbour searches find; k-means and a metric refuse it")
    func cluster() throws {
        let root = folder.folder("classes")
        try Fixtures.writeColourClasses(in: root, classes: [("red", (220, 30, 30)), ("green", (30, 200, 40)), ("blue", (30, 40, 220))],
                                        perClass: 4, size: 48)
        let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))
        for algorithm in [ClusterAlgorithm.dbscan(.init(eps: 0.5, minSamples: 2)), .hdbscan(.init(minClusterSize: 3))] {
            let exact = try ClusterJob(folders: [root], algorithm: algorithm, reduction: Reduction.none).run(in: context())
            let approximate = try ClusterJob(folders: [root], algorithm: algorithm, reduction: Reduction.none, index: hnsw).run(in: context())
            #expect(exact.clusters.count >= 2, "\(algorithm.name): \(exact.clusters.map(\.members)) noise \(exact.noise.count)")
            #expect(Set(approximate.clusters.map { Set($0.members) }) == Set(exact.clusters.map { Set($0.members) }), "\(algorithm.name)")
            #expect(exact.index == nil && approximate.index == "hnsw:m=32,efConstruction=64,ef=64")
        }
        do {
            _ = try ClusterJob(folders: [root], algorithm: .kmeans(.init(k: 3, seed: 1)), method: .pixels, index: hnsw).run(in: context())
            Issue.record("k-means took an approximate index")
        } catch { #expect(error.description.contains("dbscan and hdbscan"), "\(error)") }
        do {
            _ = try ClusterJob(folders: [root], algorithm: .dbscan(.init(eps: 0.5, minSamples: 2)), method: .pixels, metric: .manhattan, index: hnsw)
                .run(in: context())
            Issue.record("an approximate index took --metric")
        } catch { #expect(error.description.contains("--metric needs --index exact"), "\(error)") }
    }
}
