import ArgumentParser
import Foundation
import LikenessEngine
import LikenessLab

struct QualityBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Degradation benchmark: how often each photo's quality score beats its degraded copies'.",
        discussion: """
            Every photo in DIR is fitted into --size and saved as its own format (JPEG at quality 95, \
            or PNG); copies are blurred (σ 1.5, 4), saved as JPEG q30 and q10, exposed ±1 EV, given \
            contrast ×1.5 and ×0.6, Gaussian noise (σ 8, 16) and cropped (75 %, 50 % of each side), \
            and saved the same way. Both files are measured as `likeness quality` measures files; a \
            pair counts when the original's overall score is higher (a tie is a miss).

            Example: likeness bench quality ~/.cache/likeness/photos/mate ~/.cache/likeness/photos/opencv
            """)

    @Argument(help: ArgumentHelp("Folders of photos.", valueName: "dir"))
    var folders: [String]

    @Option(help: "Photos are fitted into this square before degrading.")
    var size: Int = 1024

    @Option(help: "Parallel workers (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print the result, with every score, as JSON on stdout.")
    var json = false

    func run() throws {
        let result = try JobRunning.run(QualityBenchJob(folders: folders, workingSize: size), workers: workers)
        if json { try Output.json(result); return }
        for failure in result.failures { Output.note("skipped \(failure.message)") }
        print("\(result.photos) photos × \(result.degradations.count) degraded copies; share of pairs where the original scores better")
        for (name, share) in zip(result.degradations, result.byDegradation) {
            print(name.leftAligned(22) + String(format: "%.3f", share))
        }
        print("by class: " + result.byClass.sorted { $0.key < $1.key }.map { String(format: "%@ %.3f", $0.key, $0.value) }.joined(separator: ", "))
        print(String(format: "overall %.3f (%.1f s)", result.overall, result.seconds))
    }
}
