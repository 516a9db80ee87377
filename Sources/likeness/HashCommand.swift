import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine

extension HashMethod: ExpressibleByArgument {}
extension FeatureMethod: ExpressibleByArgument {}
extension PerceptualMethod: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.name) }
}

struct Hash: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print perceptual hashes of image files.",
        discussion: """
            One line per file and method. Bit hashes print in hex (bit 0 is the top bit of the first \
            digit, as ImageHash prints it); continuous hashes (radial, colormoments) print their \
            numbers separated by commas. Without --method, every method is printed. Files are \
            hashed on every core.

            Example: likeness hash photo.jpg --method phash --method dhash
            """)

    @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("method"), help: "Hash method (bit or continuous); repeat for several.")
    var methods: [PerceptualMethod] = []

    @Flag(help: "Print JSON on stdout.")
    var json = false

    func run() throws {
        let lines = try JobRunning.run(HashJob(files: files, methods: methods))
        if json {
            try Output.json(lines)
        } else {
            let chosen = methods.isEmpty ? PerceptualMethod.allCases : methods
            let bits = chosen.compactMap { if case .bits(let method) = $0 { method.rawValue } else { nil } }
            let continuous = chosen.compactMap { if case .features(let method) = $0 { method.rawValue } else { nil } }
            for line in lines {
                if let error = line.error { Output.note("\(line.path): \(error)"); continue }
                for name in bits { print("\(name)\t\(line.hashes?[name] ?? "")\t\(DisplayPath.line(line.path))") }
                for name in continuous {
                    let numbers = (line.features?[name] ?? []).map { String(format: "%.6g", $0) }.joined(separator: ",")
                    print("\(name)\t\(numbers)\t\(DisplayPath.line(line.path))")
                }
            }
        }
        // Exit 1 when any file failed, so scripts notice; the others were still printed.
        if lines.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How alike two images are, by every method.",
        discussion: """
            For each bit hash: the Hamming distance, as a fraction of the bits, and whether it is within \
            the method's default radius (its F1-max threshold in the robustness benchmark). For each continuous hash: its own distance \
            (radial: 1 − peak cross-correlation; colormoments: L2 of Hu moments) and its default threshold. \
            The embedding row is judged by exactly the rule `dupes` uses (the same options): the \
            cosine, then the pHash over turns and flips, then local features.

            Example: likeness compare original.jpg edited.jpg
            """)

    @Argument(help: ArgumentHelp("First image.", valueName: "a")) var a: String
    @Argument(help: ArgumentHelp("Second image.", valueName: "b")) var b: String

    @Flag(help: "Print JSON on stdout.")
    var json = false

    @Option(help: "Embedding model for the cosine row (see `likeness models list`).")
    var model: String = ModelDefaults.model

    @Flag(help: "Skip the embedding row (no ONNX Runtime needed).")
    var noEmbedding = false

    @OptionGroup var rule: RuleOptions

    func run() throws {
        let rows = try JobRunning.run(CompareJob(a: a, b: b, model: noEmbedding ? nil : model, configuration: rule.configuration))
        if json { try Output.json(rows); return }
        print("method             distance    fraction   duplicate (threshold)   [embedding: 1 − cosine]")
        for row in rows {
            let name = row.method.leftAligned(18)
            let distance = (row.bits.map { "\(Int(row.distance))/\($0)" } ?? String(format: "%.3g", row.distance))
                .leftAligned(10)
            let fraction = row.normalizedDistance.map { String(format: "%8.3f", $0) } ?? "       –"
            let threshold = row.bits == nil ? String(format: "%.3g", row.threshold) : String(Int(row.threshold))
            print("\(name) \(distance) \(fraction)   \(row.duplicate ? "yes" : "no ") (≤ \(threshold))" + (row.rule.map { "  by the dupes rule: \($0)" } ?? ""))
        }
    }
}
