import ArgumentParser
import Foundation
import LikenessEngine
import LikenessPostgres

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a shared PostgreSQL catalog's work queue and its workers.",
        discussion: """
            Items by task, and the scan queue by folder (`worker --jobs scan --root DIR`), by state (pending, leased, expired leases that will be taken again, done, \
            failed), and every worker that registered: its machine and process, what it finished, \
            and how long ago it was last seen. A worker killed mid-run shows as not finished and \
            not seen since.

            Example: likeness status --catalog postgres://likeness@db.local/photos
            """)

    @OptionGroup var catalogOptions: CatalogOptions

    @Flag(help: "Print the status as JSON on stdout.")
    var json = false

    func run() throws {
        let status = try JobRunning.run(StatusJob(), catalog: catalogOptions, quiet: true)
        if json { try Output.json(status); return }
        print("catalog \(CatalogLocation.display(catalogOptions.resolvedPath)): \(status.images) usable images")
        if status.tasks.isEmpty && status.scans.isEmpty { print("  queue empty: start `likeness worker` to fill and work it") }
        for counts in status.scans {
            print("  scan \(counts.root): \(counts.items.summary)")
        }
        for counts in status.tasks {
            let version = counts.task.kind == .embed ? "weights \(counts.task.version.prefix(12))" : "version \(counts.task.version)"
            print("  \(counts.task) (\(version)): \(counts.items.summary)")
        }
        for worker in status.workers {
            let state = worker.finished ? "finished" : String(format: "seen %.0f s ago", worker.secondsSinceSeen)
            print("  worker \(worker.identity.id.prefix(8)) \(worker.identity.host) pid \(worker.identity.pid): "
                  + "\(worker.done) done, \(state), up \(String(format: "%.0f", worker.secondsRunning)) s")
        }
    }
}
