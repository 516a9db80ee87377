import ArgumentParser
import Foundation
import LikenessEngine
import LikenessText

struct TextDupes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "Groups of near-duplicate strings or sequences in a file.",
        discussion: """
            MinHash signatures of each string's k-scalar shingles are cut into --bands bands of \
            --rows rows; strings sharing a band are candidates (a pair with shingle Jaccard s is \
            proposed with probability 1 − (1 − s^rows)^bands), and the --metric confirms those with \
            similarity ≥ --threshold. No N×N matrix is built. Groups form around centres: every \
            member is a confirmed near-duplicate of its group's centre (listed first). Members \
            carry their 1-based line number (FASTA: the header's line and the record id). Blank \
            lines hold no string; a line that is not valid UTF-8 is reported and skipped; a file \
            with no strings is an error.

            Example: likeness text dupes reads.fasta --format fasta --shingle 8 --threshold 0.9 --json
            """)

    @Argument(help: ArgumentHelp("The text file.", valueName: "file"))
    var file: String

    @OptionGroup var options: TextSearchOptions

    @Option(help: "The least similarity in [0, 1] of a near-duplicate pair (edit distances: 1 − distance / longer length).")
    var threshold: Double = 0.9

    @Flag(help: "Also list every confirmed pair.")
    var pairs = false

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @Flag(help: "Print the groups (or with --pairs the pairs) as CSV on stdout.")
    var csv = false

    func run() throws {
        let job = TextDupesJob(path: file, format: try options.parsedFormat(), search: options.search, threshold: threshold, includePairs: pairs)
        let result = try JobRunning.run(job, workers: options.workers)
        TextRendering.warnSkipped(result.skipped)
        if json { try Output.json(result); return }
        if csv {
            if let pairs = result.pairs {
                print("line_a,id_a,line_b,id_b,distance,similarity,text_a,text_b")
                for pair in pairs {
                    print(CSV.line(["\(pair.a.line)", pair.a.id ?? "", "\(pair.b.line)", pair.b.id ?? "", TextRendering.number(pair.distance),
                                    TextRendering.number(pair.similarity), pair.a.text, pair.b.text]))
                }
            } else {
                print("group,line,id,centre,distance,similarity,text")
                for (index, group) in result.groups.enumerated() {
                    for (position, member) in group.members.enumerated() {
                        print(CSV.line(["\(index + 1)", "\(member.record.line)", member.record.id ?? "", position == 0 ? "true" : "false",
                                        TextRendering.number(member.distance), TextRendering.number(member.similarity), member.record.text]))
                    }
                }
            }
            return
        }
        Output.line("\(result.strings) strings, \(result.groups.count) groups (\(result.confirmedPairs) pairs with \(result.metric.rawValue) similarity ≥ \(result.threshold), from \(result.candidates) LSH candidates)")
        for (index, group) in result.groups.enumerated() {
            Output.line("group \(index + 1) (\(group.members.count)):")
            for member in group.members {
                Output.line("  \(TextRendering.place(member.record))  \(String(format: "%.4f", member.similarity))  \(TextRendering.excerpt(member.record.text))")
            }
        }
        for pair in result.pairs ?? [] {
            Output.line("pair \(TextRendering.place(pair.a)) ~ \(TextRendering.place(pair.b))  \(String(format: "%.4f", pair.similarity))")
        }
    }
}
