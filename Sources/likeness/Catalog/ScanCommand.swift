import ArgumentParser
import Foundation
import LikenessEngine

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Catalogue the images in folders (incremental, resumable).",
        discussion: """
            Walks each folder recursively and records every file in the catalog: path, size, \
            modification time, SHA-256, pixel size and format, or the reason it cannot be used. \
            A re-scan reads only new or changed files (by size and modification time) and marks \
            vanished ones gone. Work is committed in batches: an interrupted scan keeps what it \
            finished and the next run resumes; Ctrl-C stops after the current batch.

            Example: likeness scan ~/Pictures --json
            """)

    @Argument(help: ArgumentHelp("Folders or files to scan.", valueName: "dir"))
    var folders: [String]

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: "Files decoded in parallel (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Largest accepted image in pixels (width × height × pages); larger files are rejected as decompression bombs.")
    var maxPixels: Int = ScanConfiguration().maxPixels

    @Option(help: "Files per committed batch.")
    var batchSize: Int = 64

    @Flag(help: "Print a machine-readable summary on stdout.")
    var json = false

    func run() throws {
        let job = ScanJob(roots: folders, configuration: ScanConfiguration(batchSize: batchSize, maxPixels: maxPixels))
        let summary = try JobRunning.run(job, catalog: catalogOptions, workers: workers)
        if json {
            try Output.json(summary)
        } else {
            print(ScanReport.text(summary, catalogPath: CatalogLocation.display(catalogOptions.resolvedPath)))
        }
        if summary.interrupted { throw ExitCode(130) }
    }
}

/// Human-readable scan summary.
enum ScanReport {
    static func text(_ s: ScanSummary, catalogPath: String) -> String {
        var lines: [String] = []
        lines.append("scanned \(s.roots.joined(separator: ", "))")
        lines.append("  \(s.discovered) files: \(s.new) new, \(s.changed) changed, \(s.unchanged) unchanged, \(s.gone) gone")
        lines.append("  \(s.images) images read, \(s.failedCount) failed"
                     + String(format: ", %.1f files/s over %.2f s", s.filesPerSecond, s.seconds))
        for (kind, count) in s.failed.sorted(by: { $0.key < $1.key }) {
            lines.append("  failed \(kind.rawValue): \(count)")
        }
        let shown = s.failures.prefix(20)
        for failure in shown { lines.append("    " + DisplayPath.line(failure.message)) }
        if s.failures.count > shown.count { lines.append("    … and \(s.failures.count - shown.count) more (see --json)") }
        if s.discovered == 0 { lines.append("  no files found") }
        if s.interrupted {
            lines.append("  interrupted with \(s.remaining) files left: finished batches are saved; run the same command again to resume")
        }
        lines.append("catalog: \(catalogPath)")
        return lines.joined(separator: "\n")
    }
}
