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
