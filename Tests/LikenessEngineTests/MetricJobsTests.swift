import Foundation
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// `--metric` in the engine: vector files compared row by row, search ranked by a metric, and
/// metrics refused by the type of what a method produces.
@Suite(.serialized) struct MetricJobsTests {
    let folder = TemporaryDirectory("metric-jobs")

    func context() -> JobContext {
        JobContext(catalogPath: folder.child("c.sqlite"),
                   models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary), workers: 2)
    }

    func write(_ name: String, _ text: String) -> String { folder.file(name, bytes: Array(text.utf8)) }

    @Test("vector files: each row pair by each metric, a typed reason where a metric cannot compare them")
    func vectorFiles() throws {
        let a = write("a.txt", "# two pairs\n1, 2, 3\n\n0 1 0\n")
        let b = write("b.txt", "4,0,2\n0\t0\t1\n")
        let result = try VectorCompareJob(a: a, b: b, metrics: [.manhattan, .dot, .hamming, .jaccard, .emd]).run(in: context())
        #expect(result.higherIsCloser == [false, true, false, true, false])
        #expect(result.rows.map(\.pair) == [1, 2])
        let first = result.rows[0].cells, second = result.rows[1].cells
        #expect(first[0].value == 6 && first[1].value == 10)
        #expect(first[2].value == nil && first[2].error?.contains("0/1") == true)
        // min 1 + 0 + 2, max 4 + 2 + 3; both have mass 6: cumulative 1/6, 3/6 against 4/6, 4/6.
        #expect(abs(first[3].value! - 3.0 / 9) < 1e-12)
        #expect(abs(first[4].value! - (3.0 / 6 + 1.0 / 6)) < 1e-12)
        #expect(second[2].value == 2 && second[3].value == 0 && second[4].value == 1)
    }

    @Test("a ground-distance file makes EMD a transportation problem over bins of different counts")
    func groundDistance() throws {
        let a = write("ga.txt", "1 1 1\n")
        let b = write("gb.txt", "1.5 1.5\n")
        // Supply bins at 0, 1, 2 and demand bins at 0.5, 1.5: every unit moves half a bin.
        let ground = write("ground.txt", "0.5 1.5\n0.5 0.5\n1.5 0.5\n")
        let result = try VectorCompareJob(a: a, b: b, metrics: [.emd], ground: ground).run(in: context())
        #expect(abs(result.rows[0].cells[0].value! - 0.5) < 1e-12)
        let bad = write("bad.txt", "0 1\n1\n")
        #expect(throws: JobError.self) { try VectorCompareJob(a: a, b: b, metrics: [.emd], ground: bad).run(in: context()) }
        let short = write("short.txt", "1 1 1\n2 2 2\n")
        #expect(throws: JobError.self) { try VectorCompareJob(a: short, b: b).run(in: context()) }
        let words = write("words.txt", "1 two 3\n")
        do { _ = try VectorCompareJob(a: words, b: words).run(in: context()); Issue.record("a word was read as a number") } catch {
            #expect(error.description.contains("line 1"))
        }
    }

    @Test("search ranks by the metric chosen, and refuses metrics embeddings do not fit before reading anything")
    func search() throws {
        let photos = folder.folder("photos")
        try Fixtures.writeBlurredPatterns(in: photos, count: 3)
        _ = try ScanJob(roots: [photos]).run(in: context())
        let query = folder.child("photos/1-half.png")
        let cosine = try SearchJob(queries: [query], k: 3).run(in: context())
        for metric in [Metric.manhattan, .euclidean, .chebyshev, .spearman] {
            let result = try SearchJob(queries: [query], k: 3, metric: metric).run(in: context())
            #expect(result.metric == metric)
            let matches = result.queries[0].matches
            #expect(matches.first.map { ($0.path as NSString).lastPathComponent } == "1.png", "\(metric)")
            let values = matches.compactMap { metric.higherIsCloser ? $0.similarity : $0.distance }
            #expect(values.count == 3 && values == (metric.higherIsCloser ? values.sorted(by: >) : values.sorted()), "\(metric)")
        }
        // Euclidean by BLAS agrees with Manhattan by the scan on who comes first, and dot with cosine
        // on unit-length embeddings.
        let dot = try SearchJob(queries: [query], k: 3, metric: .dot).run(in: context())
        #expect(dot.queries[0].matches.map(\.path) == cosine.queries[0].matches.map(\.path))
        for metric in [Metric.hamming, .emd, .jaccard, .chiSquare] {
            do { _ = try SearchJob(queries: [folder.child("nope.jpg")], metric: metric).run(in: context()); Issue.record("\(metric) searched") } catch {
                #expect(error.description.contains("does not fit"), "\(error)")
            }
        }
    }

    @Test("dbscan by a metric other than Euclidean: Spearman on pixels separates vertical from horizontal halves")
    func dbscanByMetric() throws {
        let root = folder.folder("halves")
        _ = try Fixtures.writeHalves(in: root, perKind: 3)
        let job = ClusterJob(folders: [root], algorithm: .dbscan(.init(eps: 0.5, minSamples: 2)), reduction: Reduction.none, method: .pixels,
                             metric: .spearman)
        let result = try job.run(in: context())
        #expect(result.settings.metric == .spearman && result.algorithm.contains("spearman"))
        let groups = Set(result.clusters.map { Set($0.members.map { (($0 as NSString).deletingLastPathComponent as NSString).lastPathComponent }) })
        #expect(groups == [["vertical"], ["horizontal"]], "\(result.clusters.map(\.members))")
        #expect(result.clusters.allSatisfy { $0.members.count == 3 } && result.noise.isEmpty)
    }

    @Test("cluster takes a metric for dbscan only")
    func cluster() throws {
        let kmeans = ClusterJob(folders: [folder.child("none")], algorithm: .kmeans(.init(k: 2, seed: 1)), metric: .manhattan)
        do { _ = try kmeans.run(in: context()); Issue.record("k-means took a metric") } catch {
            #expect(error.description.contains("dbscan"))
        }
        let emd = ClusterJob(folders: [folder.child("none")], algorithm: .dbscan(.init(eps: 0.5, minSamples: 2)), metric: .emd)
        do { _ = try emd.run(in: context()); Issue.record("dbscan took emd on embeddings") } catch {
            #expect(error.description.contains("does not fit"))
        }
    }
}
