import ArgumentParser
import Dispatch
import Foundation
import LikenessANN
import LikenessEngine
import LikenessServer
import Synchronization

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the web app and JSON API over the catalog (library, duplicates, search, novelty).",
        discussion: """
            Only images inside the --root folders are indexed and served: paths are checked after \
            symbolic links and `..` are resolved, and clients address images by catalog id. The \
            server binds to 127.0.0.1; any other --host needs --token-file (a file holding a long \
            random secret), and every request must then carry `Authorization: Bearer <secret>` \
            (browsers sign in once at /login). Jobs (scan, embed, dupes, novelty, search, moves) run \
            one at a time in a queue. Copies moved from the review page go to --trash, journalled; \
            `likeness undo DIR` or the page's Undo puts them back.

            Example: likeness serve --root ~/Pictures   (then open http://127.0.0.1:8321)
            """)

    @OptionGroup var catalogOptions: CatalogOptions

    @Option(help: "Address to bind (default: loopback only).")
    var host = "127.0.0.1"

    @Option(help: "TCP port (0: any free port, printed on stderr).")
    var port = ServerConfiguration.defaultPort

    @Option(name: .customLong("root"), help: ArgumentHelp("A folder whose images are indexed and served (repeat for several).", valueName: "dir"))
    var roots: [String] = []

    @Option(help: ArgumentHelp("A file holding the bearer token (required off loopback).", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("Where moved copies go (default: `moved` beside the catalog file; for a shared catalog, in $XDG_DATA_HOME/likeness or ~/.local/share/likeness); must be outside every root.", valueName: "dir"))
    var trash: String?

    @Option(help: "Parallel workers for jobs (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The index searches and dupes jobs use: "
                               + "exact (default), auto, or an approximate one such as hnsw (saved next to the catalog and reused).",
                               valueName: "kind"), transform: IndexArgument.parse)
    var index: IndexChoice = .exact

    func run() throws {
        let configuration: ServerConfiguration
        do {
            var validated = try ServerConfiguration.validated(host: host, port: port, roots: roots, tokenFile: tokenFile,
                                                              catalogPath: catalogOptions.resolvedPath, trash: trash, workers: workers)
            validated.index = index
            configuration = validated
        } catch {
            throw CommandFailure(error.description)
        }
        let server = LikenessServer(configuration: configuration)
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        Task {
            do {
                try await server.run { port in
                    Output.note("serving http://\(host):\(port)/ — roots: \(configuration.confinement.roots.map(\.path).joined(separator: ", "))"
                                + (configuration.token == nil ? "" : " — bearer token required"))
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) { throw CommandFailure("the server stopped: \(message)") }
    }
}
