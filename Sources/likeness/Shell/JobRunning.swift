import Foundation
import LikenessCore
import LikenessEngine

/// How commands run engine jobs: one context per command, with Ctrl-C wired to its cancellation
/// token and progress drawn on stderr. Errors go up to ``Likeness/main()``, which prints them.
enum JobRunning {
    /// The token every job of this process polls; the first Ctrl-C or SIGTERM cancels it.
    static let cancellation = CancellationToken()

    /// A context for one command. The first call installs the Ctrl-C handler.
    static func context(catalog: CatalogOptions? = nil, workers: Int? = nil, quiet: Bool = false) -> JobContext {
        Interruption.install(cancelling: cancellation)
        return JobContext(catalogPath: catalog?.resolvedPath ?? CatalogLocation.resolve(), models: .fromEnvironment(),
                          progress: TerminalProgress(quiet: quiet), cancellation: cancellation,
                          workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs `job` in a fresh context.
    static func run<J: Job>(_ job: J, catalog: CatalogOptions? = nil, workers: Int? = nil, quiet: Bool = false) throws(JobError) -> J.Output {
        try job.run(in: context(catalog: catalog, workers: workers, quiet: quiet))
    }
}
