import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Likeness' speed on your own files.",
        subcommands: [DecodeBench.self, HashBench.self, RobustnessBench.self])
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
        let files = DecodeBenchmark.files(in: folders)
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
        let files = DecodeBenchmark.files(in: folders)
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
