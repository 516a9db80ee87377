import ArgumentParser
import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessLab
import LikenessReport

struct RobustnessBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robustness",
        abstract: "Which edits break which hash: F1-max threshold per method and recall per edit.",
        discussion: """
            Every photo in DIR is decoded to fit 1024 pixels and edited in 24 fixed ways (shift, crop, \
            rotate, quarter turn, flip, resize, JPEG, blur, exposure, greyscale, contrast, overlay, a \
            combination). All pairs of images are compared: pairs from the same photo are positives, \
            all others negatives, so different photos of one scene count against a method. For each \
            method the table gives the threshold with the best F1 over all pairs, and at that \
            threshold the recall of each edit (share of original/edited pairs called the same).

            Example: likeness bench robustness photos --method phash --method dhash --html robustness.html
            """)

    @Argument(help: ArgumentHelp("Folders of photos.", valueName: "dir"))
    var folders: [String]

    @Option(name: .customLong("distractors"), help: ArgumentHelp("Folder of unrelated images added unedited as extra negatives; repeatable.", valueName: "dir"))
    var distractorFolders: [String] = []

    @Option(name: .customLong("method"), help: "Methods to measure; repeat for several (default: all).")
    var methods: [PerceptualMethod] = []

    @Option(help: "Parallel workers (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Also write every version of every photo here as PNG, a folder per photo (for `calibrate --classes` and `eval`).", valueName: "dir"))
    var export: String?

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML report here.", valueName: "file"))
    var html: String?

    func run() throws {
        let configuration = RobustnessConfiguration(methods: methods.isEmpty ? PerceptualMethod.allCases : methods, exportDirectory: export)
        let result = try JobRunning.run(RobustnessBenchJob(folders: folders, distractors: distractorFolders, configuration: configuration, workers: workers))
        if let html {
            do { try RobustnessReport(result).html().write(toFile: html, atomically: true, encoding: .utf8) } catch {
                throw CommandFailure("cannot write \(html): \(error.localizedDescription)")
            }
            Output.note("report: \(html)")
        }
        if json { try Output.json(result); return }
        printText(result)
    }

    /// The methods table and recall per edit at each method's F1-max threshold.
    func printText(_ result: RobustnessResult) {
        for failure in result.failures { Output.note("skipped \(failure.message)") }
        print("\(result.photos) photos × \(result.edits.count + 1) versions + \(result.distractors) distractors = \(result.images) images; "
              + "\(result.positivePairs) positive and \(result.negativePairs) negative pairs\n")
        print("method             threshold  precision  recall     F1")
        for m in result.methods {
            let name = m.method.name.leftAligned(18)
            let threshold = m.thresholdText.leftAligned(10)
            print(name + " " + threshold + String(format: " %9.3f  %6.3f  %5.3f", m.best.precision, m.best.recall, m.best.f1))
        }
        print("\nrecall per edit at each method's F1-max threshold")
        let header = "edit".leftAligned(46)
            + result.methods.map { $0.method.name.leftAligned(10) }.joined()
        print(header)
        for (e, edit) in result.edits.enumerated() {
            let row = edit.leftAligned(46)
                + result.methods.map { String(format: "%-10.2f", $0.recallByEdit[e]) }.joined()
            print(row)
        }
    }
}
