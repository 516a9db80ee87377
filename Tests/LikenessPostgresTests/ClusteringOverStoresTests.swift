import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

/// `cluster` (with `--save`, `--best`, a map and reference labels), the saved clusterings
/// (`cluster list|show|compare|delete`) and `map --colour cluster:NAME` over the shared PostgreSQL
/// catalog give what they give over a SQLite file of the same folder.
@Suite(.serialized) struct ClusteringOverStoresTests {
    let folder = TemporaryDirectory("cluster-stores")

    /// Everything one store gives, in order, as JSON; saved clusterings with their time left out
    /// (each store saved them at its own moment).
    func results(_ context: JobContext, root: String) throws -> [String] {
        let kmeans = ClusterAlgorithm.kmeans(.init(k: 3, seed: 1))
        let byModel = try ClusterJob(folders: [root], algorithm: kmeans, save: "colours", withMap: true, labels: .folders, best: true).run(in: context)
        let byHash = try ClusterJob(folders: [root], algorithm: kmeans, method: .hash(.dHash), save: "hashes").run(in: context)
        let resaved = try ClusterJob(folders: [], algorithm: kmeans, method: .hash(.dHash), save: "hashes").run(in: context)
        #expect(byModel.saved == "colours" && byModel.replaced == false && resaved.replaced == true)
        #expect(byModel.clusters.allSatisfy { $0.best != nil })
        let saved = try [SavedClusteringsJob(.list), .init(.show("colours")), .init(.compare("colours", with: nil)),
                         .init(.compare("colours", with: "hashes")), .init(.delete("hashes"))].map { job in
            var result = try job.run(in: context)
            for index in result.clusterings.indices { result.clusterings[index].createdAt = Date(timeIntervalSince1970: 0) }
            return result
        }
        #expect(Set(saved[0].clusterings.map(\.name)) == ["colours", "hashes"] && saved[4].clusterings.map(\.name) == ["colours"])
        let shown = try #require(saved[1].clusters)
        #expect(shown.count == 3 && shown.allSatisfy { $0.count == 4 && Set($0.map { ($0 as NSString).deletingLastPathComponent }).count == 1 })
        let map = try MapJob(folders: [], colouring: .cluster("colours")).run(in: context)
        #expect(Set(map.points.compactMap(\.group)).count == 3)
        return try [StoreRuns.json(byModel), StoreRuns.json(byHash), StoreRuns.json(resaved)] + saved.map(StoreRuns.json) + [StoreRuns.json(map)]
    }

    @Test("cluster, its saved clusterings and a map coloured by one are the same over PostgreSQL as over SQLite")
    func sameClusters() throws {
        let root = folder.folder("classes")
        try Fixtures.writeColourClasses(in: root, classes: [("red", (220, 30, 30)), ("green", (30, 200, 40)), ("blue", (30, 40, 220))],
                                        perClass: 4, size: 48)
        let runs = try StoreRuns.onBoth(in: folder) { context in try results(context, root: root) }
        #expect(runs.sqlite.count == 9 && runs.postgres.count == 9)
        for (index, (a, b)) in zip(runs.sqlite, runs.postgres).enumerated() { #expect(a == b, "result \(index)") }
    }

    @Test("a name that is not saved is refused over PostgreSQL too, listing the saved ones")
    func unknownName() throws {
        let scratch = try ScratchPostgres()
        let context = StoreRuns.context(scratch.url)
        do {
            _ = try SavedClusteringsJob(.show("nope")).run(in: context)
            Issue.record("an unknown clustering was shown")
        } catch {
            #expect(error.description.contains("none is saved yet"), "\(error)")
        }
    }
}
