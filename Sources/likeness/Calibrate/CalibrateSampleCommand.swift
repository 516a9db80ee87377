import ArgumentParser
import Foundation
import LikenessEngine
import LikenessReport

struct CalibrateSample: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Pairs for a person to label, spread over the similarity range.",
        discussion: """
            Scans and embeds DIR (reusing the catalog), pools each image's nearest neighbours with \
            random pairs, cuts the pool's cosine range into --bins equal bins and draws the same \
            number of pairs from each, in a seeded random order. Writes CSV rows \
            `path_a,path_b,label,similarity` with the label left empty (to --csv FILE, else to \
            stdout): fill it with same or different, then run `likeness calibrate --pairs FILE`. \
            --html writes a page that shows every pair side by side with its row number.

            Example: likeness calibrate sample photos --n 100 --csv to-label.csv --html to-label.html
            """)

    @Argument(help: ArgumentHelp("Folders of images.", valueName: "dir")) var folders: [String]
    @Option(help: "Number of pairs.") var n: Int = 200
    @Option(help: "Similarity bins to spread the pairs over.") var bins: Int = 10
    @Option(help: "Seed for the random pairs and the order.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("Write the CSV here (default: stdout).", valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp("Write a labelling page here.", valueName: "file")) var html: String?
    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var modelOptions: ModelOptions

    func validate() throws {
        guard n > 0, bins > 0 else { throw ValidationError("--n and --bins must be positive") }
    }

    func run() throws {
        let job = SamplePairsJob(folders: folders, count: n, bins: bins, seed: seed, model: modelOptions.model, threads: modelOptions.threads)
        let result = try JobRunning.run(job, catalog: catalogOptions)
        for skipped in result.skipped { Output.note("skipped \(skipped.message)") }
        if let csv {
            do { try result.csv.write(toFile: csv, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(csv): \(error.localizedDescription)")
            }
            Output.note("\(result.pairs.count) pairs to label in \(csv); fill the label column with same or different")
        } else {
            print(result.csv, terminator: "")
        }
        if let html { try writePage(result, to: html) }
    }

    /// Every pair side by side with its CSV row number.
    func writePage(_ result: SamplePairsJob.Result, to path: String) throws {
        let pairs = result.pairs
        let thumbnails = try Thumbnails().dataURIs(Array(Set(pairs.flatMap { [$0.a, $0.b] })))
        let range = String(format: "%.2f–%.2f", pairs.map(\.similarity).min() ?? 0, pairs.map(\.similarity).max() ?? 0)
        var report = DuplicateReport(
            title: "Likeness pairs to label",
            summary: "\(pairs.count) pairs from \(result.images) images, spread over cosine \(range). Row numbers match the CSV's data rows.",
            groups: pairs.enumerated().map { number, pair in
                DuplicateReport.Group(reason: "Row \(number + 1) · cosine \(String(format: "%.3f", pair.similarity)) · same or different?",
                                      members: [.init(path: pair.a, caption: "a"), .init(path: pair.b, caption: "b")])
            }, thumbnails: thumbnails)
        report.marksKeeper = false
        do { try report.html().write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
        Output.note("labelling page: \(path)")
    }
}
