import ArgumentParser
import Foundation
import LikenessEngine

/// `likeness decisions`: what a person decided about proposed duplicates, kept in the catalog.
struct Decisions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record, forget and list \"not duplicates\" decisions that dupes respects.",
        discussion: """
            A decision is stored in the catalog by the files' content (SHA-256), so it survives a \
            re-scan, a move or a rename, and later `dupes` runs never propose the pair again.

            Examples:
              likeness decisions keep-all burst/IMG_0001.jpg burst/IMG_0002.jpg
              likeness decisions list --json
              likeness decisions forget burst/IMG_0001.jpg burst/IMG_0002.jpg
            """,
        subcommands: [KeepAll.self, Forget.self, List.self])

    /// The files and options `keep-all` and `forget` share.
    struct Files: ParsableArguments {
        @Argument(help: ArgumentHelp("Two or more files; every pair among them counts.", valueName: "file"))
        var files: [String]

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print the stored decisions as JSON.")
        var json = false

        /// Runs `action` on the files and prints what changed, or the JSON.
        func run(_ action: (([String]) -> DecisionsJob.Action), done: (Int) -> String) throws {
            let result = try JobRunning.run(DecisionsJob(action(files)), catalog: catalogOptions)
            if json { try Output.json(result); return }
            Output.line("\(done(result.changed)); \(result.decisions.count) stored in all")
        }
    }

    struct KeepAll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keep-all",
            abstract: "Say that these files are not duplicates of each other (every pair among them).",
            discussion: "Example: likeness decisions keep-all a.jpg b.jpg   (a group: name all its files)")

        @OptionGroup var options: Files

        func run() throws {
            try options.run(DecisionsJob.Action.keepAll) { "recorded \($0) pair\($0 == 1 ? "" : "s") as not duplicates" }
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget the decisions about every pair among these files.",
            discussion: "Example: likeness decisions forget a.jpg b.jpg")

        @OptionGroup var options: Files

        func run() throws {
            try options.run(DecisionsJob.Action.forget) { "forgot \($0) decision\($0 == 1 ? "" : "s")" }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored decisions, oldest first, with the paths the files had then.",
            discussion: "Example: likeness decisions list")

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let result = try JobRunning.run(DecisionsJob(.list), catalog: catalogOptions)
            if json { try Output.json(result); return }
            if result.decisions.isEmpty { Output.line("no decisions stored"); return }
            let format = DateFormatter()
            format.dateFormat = "yyyy-MM-dd HH:mm"
            for decision in result.decisions {
                let when = format.string(from: Date(timeIntervalSince1970: decision.decidedAt))
                Output.line("\(when)  not duplicates: \(decision.firstPath)  ≠  \(decision.secondPath)")
            }
        }
    }
}
