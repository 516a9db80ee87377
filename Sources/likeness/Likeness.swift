import ArgumentParser
import Foundation
import LikenessEngine
import Logging

@main
struct Likeness: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "likeness",
        abstract: "Find which images are alike, how alike, and which are new.",
        discussion: """
            Likeness keeps an embedded SQLite catalog of the images it has seen. Several machines \
            can share one PostgreSQL catalog instead (--catalog postgres://…): `scan` and `embed` fill \
            it, `search`, `dupes` and `decisions` read it, `worker` takes its queued work, `status` \
            shows the queue.

            Catalog location: --catalog PATH, else $LIKENESS_CATALOG, else \
            $XDG_DATA_HOME/likeness/catalog.sqlite (~/.local/share/likeness/catalog.sqlite).

            Log detail on stderr: LIKENESS_LOG_LEVEL=debug|info|warning (default warning).

            Example: likeness scan ~/Pictures && likeness dupes ~/Pictures --html dupes.html
            """,
        version: EngineVersion.current,
        subcommands: [Scan.self, Search.self, Dupes.self, Cluster.self, Map.self, Decisions.self, Leakage.self, Novelty.self, Undo.self, Serve.self, Embed.self, Eval.self, Train.self, Reconstruct.self, Calibrate.self, Hash.self, Compare.self, Quality.self, Inspect.self, Models.self, Bench.self, TextCommand.self, Worker.self, Status.self])

    /// Sends swift-log output to stderr at the level named by LIKENESS_LOG_LEVEL.
    static func bootstrapLogging() {
        let name = ProcessInfo.processInfo.environment["LIKENESS_LOG_LEVEL"] ?? "warning"
        let level = Logger.Level(rawValue: name.lowercased()) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// The arguments as typed: a file name that is not valid UTF-8 is kept as the scanner shows it,
    /// with `\xNN` escapes, which the engine turns back into the bytes to open.
    static func rawArguments() -> [String] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return "" }
            return DisplayPath.of(Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: strlen(pointer))))
        }
    }

    static func main() {
        bootstrapLogging()
        do {
            var command = try parseAsRoot(rawArguments())
            try command.run()
        } catch let error as JobError {
            FileHandle.standardError.write(Data("\(error.isCancellation ? "stopped" : "error"): \(error.description)\n".utf8))
            Foundation.exit(error.isCancellation ? 130 : 2)
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            exit(withError: error)
        }
    }
}
