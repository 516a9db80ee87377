import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessLab
import LikenessImaging

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Likeness' speed on your own files.",
        subcommands: [DecodeBench.self, HashBench.self, RobustnessBench.self, DupesBench.self, ScaleBench.self])
}

struct DecodeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Images/s for reading and decoding files to an RGB buffer (default 224×224).",
        discussion: "Compare against Pillow in the same run with bench/decode.sh DIR.")

    @Argument(help: ArgumentHelp("Folders of images.", valueName: "dir"))
    var folders: [String]

    @Option(help: "Parallel decoders (default: number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Output edge length in pixels.")
    var size: Int = 224

    @Option(help: "Passes over the files; the best pass is reported.")
    var repeats: Int = 1

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    func run() throws {
        let files = FileWalker.files(in: folders)
        guard !files.isEmpty else { throw CommandFailure("no files found in \(folders.joined(separator: ", "))") }
        let benchmark: DecodeBenchmark
        do {
            benchmark = try DecodeBenchmark(workers: workers, size: .squash(width: size, height: size))
        } catch {
            throw CommandFailure(error.description)
        }
        let result = (0..<max(1, repeats)).map { _ in benchmark.run(files) }.max { $0.imagesPerSecond < $1.imagesPerSecond }!
        if json { try Output.json(result); return }
        print(String(format: "likeness decode: %d/%d files → %d×%d RGB, %d workers, mean %.1f MP: %.1f images/s (%.2f s)",
                     result.decoded, result.files, result.width, result.height, result.workers,
                     result.meanMegapixels, result.imagesPerSecond, result.seconds))
    }
}

struct HashBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Images/s for reading, decoding and hashing files with one method.",
        discussion: "Compare against ImageHash in the same run with bench/hash.sh DIR.")

    @Argument(help: ArgumentHelp("Folders of images.", valueName: "dir"))
    var folders: [String]

    @Option(help: "Hash method.")
    var method: HashMethod = .pHash

    @Option(help: "Parallel workers (default 1, to compare with a single Python process).")
    var workers: Int = 1

    @Option(help: "Passes over the files; the best pass is reported.")
    var repeats: Int = 1

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    struct Result: Encodable {
        var files: Int
        var hashed: Int
        var workers: Int
        var method: String
        var seconds: Double
        var imagesPerSecond: Double
    }

    func run() throws {
        let files = FileWalker.files(in: folders)
        guard !files.isEmpty else { throw CommandFailure("no files found in \(folders.joined(separator: ", "))") }
        let computer: HashComputer
        do { computer = try HashComputer(methods: [method]) } catch { throw CommandFailure(error.description) }
        let results = (0..<max(1, repeats)).map { _ -> Result in
            let started = Date()
            let hashed = ParallelHashing.count(files, workers: workers, computer: computer)
            let seconds = Date().timeIntervalSince(started)
            return Result(files: files.count, hashed: hashed, workers: workers, method: method.rawValue,
                          seconds: seconds, imagesPerSecond: Double(hashed) / seconds)
        }
        let best = results.max { $0.imagesPerSecond < $1.imagesPerSecond }!
        if json { try Output.json(best); return }
        print(String(format: "likeness %@: %d/%d files, %d workers: %.1f images/s (%.2f s)",
                     best.method, best.hashed, best.files, best.workers, best.imagesPerSecond, best.seconds))
    }
}

struct DupesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dupes",
        abstract: "Pair precision, recall and F1 of the default dupes rule on edited photos plus distractors.",
        discussion: """
            Every photo in DIR is edited in 24 known ways; images from --distractors are added unedited. \
            All pairs are judged: same source photo = duplicate. pHash alone and the embedding alone are \
            shown at their best possible thresholds (tuned on this very set, which flatters them); the \
            default rule runs at its fixed configuration as `dupes` runs it (each image's closest \
            candidates, confirmed, grouped around centres; two images in one group count as a \
            duplicate pair), once without the local-feature check to show what it adds. The held-out tuning picks a configuration on the \
            even-numbered photos and measures it on the odd-numbered ones.
            """)

    @Argument(help: ArgumentHelp("Folders of photos.", valueName: "dir")) var folders: [String]
    @Option(name: .customLong("distractors"), help: ArgumentHelp("Folder of unrelated images added unedited; repeatable.", valueName: "dir"))
    var distractorFolders: [String] = []
    @Option(help: ArgumentHelp("An IDX image file (e.g. Fashion-MNIST) whose first --distractor-count images are added as distractors.", valueName: "file"))
    var distractorIdx: String?
    @Option(help: "How many IDX images to add.") var distractorCount: Int = 1000
    @OptionGroup var rule: RuleOptions
    @OptionGroup var modelOptions: ModelOptions
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let (model, input) = try modelOptions.open()
        let result: DuplicateBenchmark.Result
        do {
            var extra: [PixelBuffer] = []
            if let distractorIdx {
                extra = try EvalDataset.load(distractorIdx, layout: .idx, limit: distractorCount).pixels ?? []
            }
            result = try DuplicateBenchmark(model: model, configuration: rule.configuration).run(photos: folders, distractors: distractorFolders, distractorImages: extra,
                                                              input: input, progress: TerminalProgress())
        } catch let error as CustomStringConvertible & Error {
            throw CommandFailure(error.description)
        }
        if json { try Output.json(result); return }
        for failure in result.failures { Output.note("skipped \(failure.message)") }
        print("\(result.photos) photos × \(result.edits.count + 1) versions + \(result.distractors) distractors = \(result.images) images; "
              + "\(result.positivePairs) positive and \(result.negativePairs) negative pairs\n")
        print("rule                                             threshold        precision  recall   F1")
        for rule in result.rules {
            print(rule.name.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + rule.threshold.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(format: " %9.3f  %6.3f  %5.3f", rule.precision, rule.recall, rule.f1))
        }
        for rule in result.rules {
            guard let f = rule.falsePairs else { continue }
            print("\(rule.name): false pairs between two photos \(f.photoPhoto), a photo and a distractor \(f.photoDistractor), two distractors \(f.distractorDistractor)")
        }
        if let t = result.tuning {
            print(String(format: "\nheld-out tuning (%d configurations tried on the even-numbered photos, measured on the odd ones):", t.configurationsTried))
            print(String(format: "  chosen: accept cosine ≥ %.2f, candidate ≥ %.2f confirmed by pHash ≤ %d over turns and flips",
                         t.chosen.acceptCosine, t.chosen.candidateCosine, t.chosen.hashRadius)
                  + (t.chosen.minimumInliers > 0 ? " or by \(t.chosen.minimumInliers) local-feature inliers" : ", no local features"))
            print(String(format: "  tuning F1 %.3f; held-out precision %.3f, recall %.3f, F1 %.3f (the run's configuration: held-out F1 %.3f)",
                         t.tuneF1, t.heldOutPrecision, t.heldOutRecall, t.heldOutF1, t.currentHeldOutF1))
        }
        print("\nrecall per edit")
        print("edit".padding(toLength: 46, withPad: " ", startingAt: 0) + "phash   embed   +phash  default")
        for (e, edit) in result.edits.enumerated() {
            print(edit.padding(toLength: 46, withPad: " ", startingAt: 0) + result.rules.map { String(format: "%-8.2f", $0.recallByEdit[e]) }.joined())
        }
    }
}

struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "All-pairs grouping of N random vectors with planted duplicates: time, memory, BLAS rate.")

    @Option(help: "Number of vectors.") var count: Int = 100_000
    @Option(help: "Vector length.") var dimension: Int = 1280
    @Option(help: "Cosine threshold for a pair.") var threshold: Float = 0.9
    @Option(help: "BLAS threads.") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print the result as JSON on stdout.") var json = false

    func run() throws {
        let result = ScaleBenchmark(count: count, dimension: dimension, threshold: threshold, threads: threads).run()
        if json { try Output.json(result); return }
        print(String(format: "%d × %d-d: %d pairs ≥ %.2f found (%d planted), %d groups in %.1f s; %.1f GFLOP/s = %.0f%% of sgemm (%.1f GFLOP/s); peak RSS %.0f MB",
                     result.vectors, result.dimension, result.foundPairs, result.threshold, result.plantedPairs, result.groups,
                     result.seconds, result.gflops, result.fractionOfPeak * 100, result.sgemmPeakGflops, result.peakResidentMegabytes))
    }
}
