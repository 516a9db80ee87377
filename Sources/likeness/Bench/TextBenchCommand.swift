import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab
import LikenessText

struct TextBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "String pairs/s for one metric on one thread, over a file of tab-separated pairs.",
        discussion: """
            Compare against rapidfuzz in the same run with bench/text_speed.py, which writes the \
            pairs, runs this command and checks that both sums of scores agree.

            Example: likeness bench text pairs.tsv --metric levenshtein --json
            """)

    @Argument(help: ArgumentHelp("A file of a<TAB>b lines.", valueName: "file"))
    var file: String

    @Option(help: "The metric.")
    var metric: TextMetric = .levenshtein

    @Option(help: "Passes over the pairs; the best pass is reported.")
    var repeats: Int = 1

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func run() throws {
        let result = try JobRunning.run(TextBenchJob(path: file, metric: metric, repeats: repeats), quiet: true)
        if json { try Output.json(result); return }
        print(String(format: "likeness %@: %d pairs, 1 thread: %.0f pairs/s (%.3f s), checksum %.6f",
                     result.metric.rawValue, result.pairs, result.pairsPerSecond, result.seconds, result.checksum))
    }
}
