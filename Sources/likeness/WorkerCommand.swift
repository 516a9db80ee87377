import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessPostgres

struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take work from a shared PostgreSQL catalog's queue until it is drained.",
        discussion: """
            Run it on any number of machines against one catalog. For each kind of work in --jobs \
            (hash: the perceptual hashes of --hash-method, what `dupes --method` compares; embed: the \
            model's vector), \
            each worker queues the catalogued images that lack it, then claims a few at a time under \
            a lease (SELECT … FOR UPDATE SKIP LOCKED), computes them and stores each group with the \
            items marked done. A killed worker's items are taken again once its lease expires; \
            nothing is stored twice. Ctrl-C hands the unfinished items back at once. \
            Images get into the catalog with `likeness scan DIR --catalog postgres://…` (on the \
            machine that sees the folder); `likeness status` shows the queue and the workers.

            Example: likeness worker --catalog postgres://likeness@db.local/photos --jobs hash,embed
            """)

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Kinds of work to take, comma-separated: \(WorkKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kinds"))
    var jobs: String = "embed"

    @Option(name: .customLong("hash-method"), help: "Perceptual method for --jobs hash (bit or continuous); repeat for several. Default: phash.")
    var hashMethods: [PerceptualMethod] = []

    @Option(help: "Images per model run; a claim takes two runs' worth (hashing too).")
    var batch: Int = 16

    @Option(help: "Threads that read and decode images.")
    var decodeWorkers: Int = 1

    @Option(help: "Seconds a claim holds its items before other workers may take them again.")
    var lease: Double = 60

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        let kinds: [WorkKind]
        do { kinds = try WorkKind.parseList(jobs) } catch { throw CommandFailure(error.description) }
        let job = WorkerJob(jobs: kinds, hashMethods: hashMethods.isEmpty ? [.bits(.pHash)] : hashMethods, model: modelOptions.model, threads: modelOptions.threads, batchSize: batch,
                            decodeWorkers: decodeWorkers, leaseSeconds: lease)
        let summary = try JobRunning.run(job, catalog: catalogOptions)
        if json {
            try Output.json(summary)
        } else {
            print("worker \(summary.worker.id) on \(summary.worker.host) (pid \(summary.worker.pid))" + (summary.model.map { ", \($0)" } ?? ""))
            print("  queued \(summary.enqueued), hashed \(summary.hashed), embedded \(summary.embedded), failed \(summary.failed)"
                  + String(format: " in %.2f s (%.1f images/s)", summary.seconds, summary.imagesPerSecond))
            if summary.lost > 0 { print("  \(summary.lost) results dropped: their leases had expired and another worker took them") }
            for failure in summary.failures.prefix(20) { Output.line("  failed " + failure) }
            if summary.interrupted { print("  interrupted: unfinished items were handed back to the queue") }
        }
        if summary.interrupted { throw ExitCode(130) }
    }
}
