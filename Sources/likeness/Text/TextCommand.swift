import ArgumentParser
import Foundation
import LikenessEngine
import LikenessText

extension TextMetric: ExpressibleByArgument {}
extension TextClusterAlgorithm: ExpressibleByArgument {}

/// `likeness text`: strings and sequences, compared by edit distances and grouped through MinHash LSH.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Compare, de-duplicate and cluster strings or sequences (edit distances, Jaro–Winkler, MinHash LSH).",
        discussion: """
            Strings are compared as Unicode scalars (code points), with no normalisation, as \
            rapidfuzz and jellyfish do. Metrics: levenshtein, damerau-osa (restricted \
            Damerau–Levenshtein, optimal string alignment), damerau (unrestricted, Lowrance–Wagner), \
            jaro, jaro-winkler (prefix scale 0.1, up to 4 scalars, boost only above Jaro 0.7), \
            hamming (equal lengths only), jaccard (of k-shingle sets).

            Examples:
              likeness text compare kitten sitting
              likeness text dupes names.txt --metric jaro-winkler --threshold 0.93 --json
              likeness text dupes reads.fasta --format fasta --shingle 8 --pairs --json
              likeness text cluster reads.fasta --format fasta --shingle 8 --eps 10
            """,
        subcommands: [TextCompare.self, TextDupes.self, TextCluster.self])
}

struct TextCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "How alike two strings are, by one metric or by all of them.",
        discussion: """
            Prints each metric's distance and its similarity in [0, 1]: for edit distances \
            1 − distance / the longer length; for jaro, jaro-winkler and jaccard the similarity \
            itself and 1 − similarity as the distance.

            Example: likeness text compare "MARTHA" "MARHTA" --metric jaro-winkler
            """)

    @Argument(help: "The first string.") var a: String
    @Argument(help: "The second string.") var b: String

    @Option(help: "One metric (default: every metric).")
    var metric: TextMetric?

    @Option(help: "Scalars per shingle for jaccard.")
    var shingle: Int = 2

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func run() throws {
        let rows = try JobRunning.run(TextCompareJob(a: a, b: b, metric: metric, shingle: shingle), quiet: true)
        if json { try Output.json(rows); return }
        for row in rows {
            if let error = row.error {
                Output.line("\(row.metric.rawValue.leftAligned(13)) n/a: \(error)")
            } else if let distance = row.distance, let similarity = row.similarity {
                let shown = row.metric.isEditDistance ? String(Int(distance)) : String(format: "%.6f", distance)
                Output.line(String(format: "%@ distance %@  similarity %.6f", row.metric.rawValue.leftAligned(13), shown, similarity))
            }
        }
    }
}

/// Options every file-reading `text` command shares: the format, the metric and the LSH.
struct TextSearchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How the file holds its strings: lines, fasta, or csv:COLUMN (header name or 1-based number).", valueName: "format"))
    var format: String = "lines"

    @Option(help: "The metric that confirms candidate pairs.")
    var metric: TextMetric = .levenshtein

    @Option(help: "Scalars per MinHash shingle (use 8–12 for DNA).")
    var shingle: Int = 4

    @Option(help: "LSH bands: more find less alike pairs.")
    var bands: Int = 32

    @Option(help: "Signature rows per band: more keep unrelated pairs out.")
    var rows: Int = 2

    @Option(help: "Seed of the MinHash functions.")
    var seed: UInt64 = 1

    @Option(help: "Parallel workers (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    func parsedFormat() throws -> TextFormat { try TextFormat(parsing: format) }

    var search: TextSearchConfiguration {
        TextSearchConfiguration(metric: metric, shingle: shingle, bands: bands, rows: rows, seed: seed)
    }
}
