import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessPostgres

struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take work from a shared PostgreSQL catalog's queue until it is drained.",
        discussion: """
            Run it on any number of machines against one catalog. With scan in --jobs, each worker \
            first catalogues --root DIR as `likeness scan` does, sharing the reading: it lists the \
            folder (every worker may; a path is queued once), then claims a few paths at a time, reads \
            and test-decodes each (files unchanged since they were catalogued are not read again; bad \
            files are catalogued as typed failures) and records them with their items marked done. \
            Once the folder's queue is drained, files that left it are marked gone (their rows stay). \
            Then, for each other kind of work in --jobs \
            (hash: the perceptual hashes of --hash-method, what `dupes --method` compares; embed: the \
            model's vector), \
            each worker queues the catalogued images that lack it, then claims a few at a time under \
            a lease (SELECT … FOR UPDATE SKIP LOCKED), computes them and stores each group with the \
            items marked done. A killed worker's items are taken again once its lease expires; \
            nothing is stored twice. Ctrl-C hands the unfinished items back at once. \
            Images get into the catalog with --jobs scan, or with `likeness scan DIR --catalog \
            postgres://…` on one machine; `likeness status` shows the queues and the workers. Over a \
            SQLite catalog file, use `likeness scan` and `likeness embed`.

            Example: likeness worker --catalog postgres://likeness@db.local/photos --jobs hash,embed
            Example (on every machine that sees /photos): likeness worker --catalog postgres://likeness@db.local/photos --jobs scan,embed --root /photos
            """)

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Kinds of work to take, comma-separated: \(WorkKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kinds"))
    var jobs: String = "embed"

    @Option(name: .customLong("root"), help: ArgumentHelp("Folder to scan for --jobs scan (the same path on every worker); repeat for several.",
                                                          valueName: "dir"))
    var roots: [String] = []

    @Option(name: .customLong("hash-method"), help: "Perceptual method for --jobs hash (bit or continuous); repeat for several. Default: phash.")
    var hashMethods: [PerceptualMethod] = []

    @Option(help: "Images per model run; a claim takes two runs' worth (hashing and scanning too).")
    var batch: Int = 16

    @Option(help: "Threads that read and decode images; one per core unless given (beside them the model runs one part of each batch per core, shared out among --threads).")
    var decodeWorkers: Int = EmbeddingIndexer.perCore

    @Option(help: "Seconds a claim holds its items before other workers may take them again.")
    var lease: Double = 60

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        let kinds: [WorkKind]
        do { kinds = try WorkKind.parseList(jobs) } catch { throw CommandFailure(error.description) }
        let job = WorkerJob(jobs: kinds, roots: roots, hashMethods: hashMethods.isEmpty ? [.bits(.pHash)] : hashMethods, model: modelOptions.model, threads: modelOptions.threads, batchSize: batch,
                            decodeWorkers: decodeWorkers, leaseSeconds: lease)
        let summary = try JobRunning.run(job, catalog: catalogOptions)
        if json {
            try Output.json(summary)
        } else {
            print("worker \(summary.worker.id) on \(summary.worker.host) (pid \(summary.worker.pid))" + (summary.model.map { ", \($0)" } ?? ""))
            if summary.worker.jobs.contains(.scan) {
                print("  listed \(summary.listed), scanned \(summary.scanned), unchanged \(summary.unchanged), failed \(summary.scanFailed), "
                      + "marked gone \(summary.gone)")
                for failure in summary.scanFailures.prefix(20) { Output.line("  failed \(failure.kind.rawValue): \(failure.message)") }
            }
            let timing = String(format: " in %.2f s (%.1f images/s)", summary.seconds, summary.imagesPerSecond)
            if summary.worker.jobs.contains(where: { $0 != .scan }) {
                print("  queued \(summary.enqueued), hashed \(summary.hashed), embedded \(summary.embedded), failed \(summary.failed)" + timing)
            } else {
                print("  done" + timing)
            }
            if summary.lost > 0 { print("  \(summary.lost) results dropped: their leases had expired and another worker took them") }
            for failure in summary.failures.prefix(20) { Output.line("  failed " + failure) }
            if summary.interrupted { print("  interrupted: unfinished items were handed back to the queue") }
        }
        if summary.interrupted { throw ExitCode(130) }
    }
}
