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

    struct KeepAll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keep-all",
            abstract: "Say that these files are not duplicates of each other (every pair among them).",
            discussion: "Example: likeness decisions keep-all a.jpg b.jpg   (a group: name all its files)")

        @Argument(help: ArgumentHelp("Two or more files to keep, none a duplicate of another.", valueName: "file"))
        var files: [String]

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print the stored decisions as JSON.")
        var json = false

        func run() throws {
            let result = try JobRunning.run(DecisionsJob(.keepAll(files)), catalog: catalogOptions)
            if json { try Output.json(result); return }
            Output.line("recorded \(result.changed) pair\(result.changed == 1 ? "" : "s") as not duplicates; \(result.decisions.count) stored in all")
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget the decisions about every pair among these files.",
            discussion: "Example: likeness decisions forget a.jpg b.jpg")

        @Argument(help: ArgumentHelp("Two or more files.", valueName: "file"))
        var files: [String]

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print the stored decisions as JSON.")
        var json = false

        func run() throws {
            let result = try JobRunning.run(DecisionsJob(.forget(files)), catalog: catalogOptions)
            if json { try Output.json(result); return }
            Output.line("forgot \(result.changed) decision\(result.changed == 1 ? "" : "s"); \(result.decisions.count) stored in all")
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
