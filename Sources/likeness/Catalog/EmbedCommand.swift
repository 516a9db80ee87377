import ArgumentParser
import Foundation
import LikenessEngine

struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute deep embeddings for every catalogued image (incremental).",
        discussion: """
            Folders given are scanned first. Vectors are stored in the catalog under the model's id \
            and the SHA-256 of its weights: a changed model file makes old vectors stale, and they \
            are recomputed. While the model runs on one batch, the next batch is decoded.

            Example: likeness embed ~/Pictures --model efficientnet-lite0
            """)

    @Argument(help: ArgumentHelp("Folders to scan and embed (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Images per model run.")
    var batch: Int = 16

    @Option(help: "Threads that read and decode images; one per core unless given.")
    var decodeWorkers: Int = EmbeddingIndexer.perCore

    @Option(help: ArgumentHelp("Parts of each batch the model runs at once, each on its own thread; unless given, one per core shared out among --threads (2 on 2 cores with --threads 1).",
                               discussion: "With --threads 1, two parts let the model use both cores of a 2-core machine when decoding is cheap."))
    var modelWorkers: Int?

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        let job = EmbedJob(folders: folders, model: modelOptions.model, threads: modelOptions.threads, batchSize: batch,
                           decodeWorkers: decodeWorkers, modelWorkers: modelWorkers)
        let summary = try JobRunning.run(job, catalog: catalogOptions)
        if json { try Output.json(summary); return }
        if let scan = summary.scan { Output.note("scanned: \(scan.discovered) files, \(scan.processed) read, \(scan.failed) failed") }
        print("\(summary.model): embedded \(summary.embedded) images" + String(format: " in %.2f s (%.1f images/s)", summary.seconds, summary.imagesPerSecond))
        print(String(format: "  decode %.2f s, model %.2f s", summary.decodeSeconds, summary.inferenceSeconds))
        if summary.staleBefore > 0 { print("  \(summary.staleBefore) vectors from other weights of \(summary.model) were stale") }
        for skipped in summary.skipped { print("  skipped \(skipped.message)") }
    }
}
