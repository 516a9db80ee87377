import ArgumentParser
import Foundation
import LikenessEngine
import LikenessImaging

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure Likeness' speed on your own files.",
        subcommands: [DecodeBench.self])
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
