import ArgumentParser
import Foundation
import LikenessANN
import LikenessEngine
import LikenessReport

struct Leakage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Near-duplicates across a training and a test set (data leakage).",
        discussion: """
            Uses the same rule as `dupes`: for each test image its closest training images (up to \
            --neighbours), confirmed by the cosine, the pHash over turns and flips, or local features \
            in one geometry.

            --index ivf or hnsw (or auto for large training sets) searches the training set through an \
            approximate index.

            Example: likeness leakage data/train data/test --html leakage.html
            Example: likeness leakage data/train data/test --index hnsw:ef=128
            """)

    @Argument(help: ArgumentHelp("Training set folder.", valueName: "train")) var train: String
    @Argument(help: ArgumentHelp("Test set folder.", valueName: "test")) var test: String
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var rule: RuleOptions
    @Option(help: ArgumentHelp("A cosine threshold saved by `likeness calibrate --save`; it replaces --accept.", valueName: "file")) var calibration: String?
    @Option(help: IndexArgument.help, transform: IndexArgument.parse) var index: IndexChoice = .exact
    @Flag(help: "Print JSON on stdout.") var json = false
    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file")) var html: String?

    func run() throws {
        let job = LeakageJob(train: train, test: test, configuration: rule.configuration, model: modelOptions.model,
                             threads: modelOptions.threads, calibration: calibration, index: index)
        let result = try JobRunning.run(job, catalog: catalogOptions)
        IndexArgument.note(result.index, asked: index, origin: result.indexOrigin)
        for warning in result.warnings ?? [] { Output.warning(warning) }
        DupesRendering.notes(scan: nil, skipped: result.skipped)
        let summary = "\(result.train) training and \(result.test) test images: \(result.pairs.count) leaked pairs, \(result.leakedTestImages) test images have a near-duplicate in training"
        if let html {
            let thumbnails = try Thumbnails().dataURIs(result.pairs.flatMap { [$0.first, $0.second] })
            let report = DuplicateReport(title: "Likeness leakage", summary: summary, groups: result.pairs.map { leak in
                DuplicateReport.Group(reason: "training image first, then the test image", members: [
                    .init(path: leak.first, caption: "train"),
                    .init(path: leak.second, caption: String(format: "test · cosine %.3f", leak.similarity) + (leak.hashDistance.map { " · pHash \($0)/64" } ?? "")),
                ])
            }, thumbnails: thumbnails)
            try DupesRendering.write(report.html(), to: html)
            Output.note("report: \(html)")
        }
        if json { try Output.json(result); return }
        print(summary)
        for leak in result.pairs { Output.line(String(format: "  %.3f  ", leak.similarity) + "\(leak.second)  ←  \(leak.first)") }
    }
}

struct Novelty: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Query images unlike anything in a reference set, each shown beside its nearest match.",
        discussion: """
            A query image is novel when the cosine similarity to its nearest reference image is below \
            --threshold, or below the threshold of a saved calibration (--calibration FILE); a \
            per-cluster calibration uses the threshold of the query's nearest cluster.

            --index ivf or hnsw (or auto for large reference sets) searches the reference set through an \
            approximate index.

            Example: likeness novelty --reference data/train --query data/new --html novelty.html
            Example: likeness novelty --reference data/train --query data/new --index auto
            """)

    @Option(help: ArgumentHelp("Reference (known) images.", valueName: "dir")) var reference: String
    @Option(help: ArgumentHelp("Query (new) images.", valueName: "dir")) var query: String
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "Cosine similarity below which a query image is novel (default 0.5).") var threshold: Float?
    @Option(help: ArgumentHelp("A cosine threshold saved by `likeness calibrate --save`.", valueName: "file")) var calibration: String?
    @Option(help: IndexArgument.help, transform: IndexArgument.parse) var index: IndexChoice = .exact
    @Flag(help: "Print JSON on stdout.") var json = false
    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file")) var html: String?

    func validate() throws {
        if threshold != nil && calibration != nil { throw ValidationError("give --threshold or --calibration, not both") }
    }

    func run() throws {
        let job = NoveltyJob(reference: reference, query: query, threshold: threshold, calibration: calibration,
                             model: modelOptions.model, threads: modelOptions.threads, index: index)
        let result = try JobRunning.run(job, catalog: catalogOptions)
        IndexArgument.note(result.index, asked: index, origin: result.indexOrigin)
        for warning in result.warnings ?? [] { Output.warning(warning) }
        DupesRendering.notes(scan: nil, skipped: result.skipped)
        if let html {
            let novel = result.queries.filter(\.novel)
            let thumbnails = try Thumbnails().dataURIs(novel.flatMap { [$0.query] + ($0.nearest.map { [$0] } ?? []) })
            let report = NoveltyReport(rows: result.queries.map { .init(query: $0.query, nearest: $0.nearest, similarity: $0.similarity, novel: $0.novel) },
                                       threshold: result.threshold, thumbnails: thumbnails)
            try DupesRendering.write(report.html(), to: html)
            Output.note("report: \(html)")
        }
        if json { try Output.json(result); return }
        let rule = result.calibrationClusters.map { "per-cluster thresholds from \(calibration ?? ""), \($0) clusters" }
            ?? "nearest reference below \(String(format: "%.3f", result.threshold))"
        print("\(result.queries.count) query images, \(result.novel) novel (\(rule))")
        for row in result.queries {
            Output.line(String(format: "  %@ %.3f  ", row.novel ? "NOVEL" : "known", row.similarity) + "\(row.query)  ~  \(row.nearest ?? "-")")
        }
    }
}
