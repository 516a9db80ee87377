import ArgumentParser
import Foundation
import LikenessCatalog
import LikenessEngine
import LikenessReport

/// Scans and embeds the folders of two sets, then compares them.
private func compareSplits(catalogOptions: CatalogOptions, modelOptions: ModelOptions, first: [String], second: [String]) throws -> SplitComparison {
    let catalog = try catalogOptions.open()
    let (model, input) = try modelOptions.open()
    do {
        _ = try CatalogScanner(catalog: catalog).scan(first + second, progress: TerminalProgress())
        let embedded = try EmbeddingIndexer(catalog: catalog, model: model, input: input)
            .fill(under: (first + second).map { URL(fileURLWithPath: $0).standardizedFileURL.path }, progress: TerminalProgress())
        for skipped in embedded.skipped { Output.note("skipped \(skipped.message)") }
        return try SplitComparison(catalog: catalog, model: model, first: first, second: second)
    } catch let error as CustomStringConvertible & Error {
        throw CommandFailure(error.description)
    }
}

struct Leakage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Near-duplicates across a training and a test set (data leakage).",
        discussion: "Uses the same rule as `dupes`: for each test image its closest training images (up to --neighbours), confirmed by the cosine, the pHash over turns and flips, or local features in one geometry.")

    @Argument(help: ArgumentHelp("Training set folder.", valueName: "train")) var train: String
    @Argument(help: ArgumentHelp("Test set folder.", valueName: "test")) var test: String
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var rule: RuleOptions
    @Option(help: ArgumentHelp("A cosine threshold saved by `likeness calibrate --save`; it replaces --accept.", valueName: "file")) var calibration: String?
    @Flag(help: "Print JSON on stdout.") var json = false
    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file")) var html: String?

    func run() throws {
        var configuration = rule.configuration
        if let calibrated = try CalibrationLoading.cosine(calibration, model: modelOptions.model) {
            configuration.acceptCosine = Float(calibrated.threshold)
            configuration.candidateCosine = min(configuration.candidateCosine, configuration.acceptCosine)
        }
        let split = try compareSplits(catalogOptions: catalogOptions, modelOptions: modelOptions, first: [train], second: [test])
        let grouper = try NearDuplicateGrouper(configuration: configuration)
        let leaks = try split.leaks(grouper: grouper, progress: TerminalProgress())
        let leakedTests = Set(leaks.map(\.second)).count
        let summary = "\(split.first.count) training and \(split.second.count) test images: \(leaks.count) leaked pairs, \(leakedTests) test images have a near-duplicate in training"
        if let html {
            let thumbnails = try Thumbnails().dataURIs(leaks.flatMap { [$0.first, $0.second] })
            let report = DuplicateReport(title: "Likeness leakage", summary: summary, groups: leaks.map { leak in
                DuplicateReport.Group(reason: "training image first, then the test image", members: [
                    .init(path: leak.first, caption: "train"),
                    .init(path: leak.second, caption: String(format: "test · cosine %.3f", leak.similarity) + (leak.hashDistance.map { " · pHash \($0)/64" } ?? "")),
                ])
            }, thumbnails: thumbnails)
            try report.html().write(toFile: html, atomically: true, encoding: .utf8)
            Output.note("report: \(html)")
        }
        if json {
            struct Out: Encodable { var train: Int; var test: Int; var leakedTestImages: Int; var pairs: [SplitComparison.CrossPair] }
            try Output.json(Out(train: split.first.count, test: split.second.count, leakedTestImages: leakedTests, pairs: leaks))
            return
        }
        print(summary)
        for leak in leaks { print(String(format: "  %.3f  ", leak.similarity) + "\(leak.second)  ←  \(leak.first)") }
    }
}

struct Novelty: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Query images unlike anything in a reference set, each shown beside its nearest match.",
        discussion: """
            A query image is novel when the cosine similarity to its nearest reference image is below \
            --threshold, or below the threshold of a saved calibration (--calibration FILE); a \
            per-cluster calibration uses the threshold of the query's nearest cluster.
            """)

    @Option(help: ArgumentHelp("Reference (known) images.", valueName: "dir")) var reference: String
    @Option(help: ArgumentHelp("Query (new) images.", valueName: "dir")) var query: String
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions
    @Option(help: "Cosine similarity below which a query image is novel (default 0.5).") var threshold: Float?
    @Option(help: ArgumentHelp("A cosine threshold saved by `likeness calibrate --save`.", valueName: "file")) var calibration: String?
    @Flag(help: "Print JSON on stdout.") var json = false
    @Option(help: ArgumentHelp("Write a self-contained HTML report here.", valueName: "file")) var html: String?

    func validate() throws {
        if threshold != nil && calibration != nil { throw ValidationError("give --threshold or --calibration, not both") }
    }

    func run() throws {
        let calibrated = try CalibrationLoading.cosine(calibration, model: modelOptions.model)
        let threshold = calibrated.map { Float($0.threshold) } ?? self.threshold ?? NoveltyDefaults.threshold
        let split = try compareSplits(catalogOptions: catalogOptions, modelOptions: modelOptions, first: [reference], second: [query])
        guard !split.first.isEmpty else { throw CommandFailure("no usable reference images in \(reference)") }
        let rows = calibrated.map { file in split.novelty { Float(file.threshold(for: $0)) } } ?? split.novelty(threshold: threshold)
        let novel = rows.filter(\.novel)
        if let html {
            let thumbnails = try Thumbnails().dataURIs(novel.flatMap { [$0.query] + ($0.nearest.map { [$0] } ?? []) })
            let report = NoveltyReport(rows: rows.map { .init(query: $0.query, nearest: $0.nearest, similarity: $0.similarity, novel: $0.novel) },
                                       threshold: threshold, thumbnails: thumbnails)
            try report.html().write(toFile: html, atomically: true, encoding: .utf8)
            Output.note("report: \(html)")
        }
        if json {
            struct Out: Encodable { var threshold: Float; var novel: Int; var queries: [SplitComparison.Nearest] }
            try Output.json(Out(threshold: threshold, novel: novel.count, queries: rows))
            return
        }
        let rule = calibrated?.clusters.map { "per-cluster thresholds from \(calibration!), \($0.count) clusters" }
            ?? "nearest reference below \(String(format: "%.3f", threshold))"
        print("\(rows.count) query images, \(novel.count) novel (\(rule))")
        for row in rows {
            print(String(format: "  %@ %.3f  ", row.novel ? "NOVEL" : "known", row.similarity) + "\(row.query)  ~  \(row.nearest ?? "-")")
        }
    }
}

/// Provisional novelty threshold until calibration (issue #6) replaces it.
enum NoveltyDefaults {
    /// Cosine below which a query is novel: 0.5, midway between the developers' unrelated photos
    /// (≈ 0.15–0.35) and heavy edits of a known photo (≥ 0.85).
    static let threshold: Float = 0.5
}
