import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging

extension HashMethod: ExpressibleByArgument {}

struct Hash: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print perceptual hashes of image files.",
        discussion: "One line per file and method: the hash in hex (bit 0 is the top bit of the first digit, as ImageHash prints it).")

    @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("method"), help: "Hash method; repeat for several (default: all).")
    var methods: [HashMethod] = []

    @Flag(help: "Print JSON on stdout.")
    var json = false

    struct Line: Encodable {
        var path: String
        var hashes: [String: String]?
        var error: String?
    }

    func run() throws {
        let chosen = methods.isEmpty ? HashMethod.allCases : methods
        let computer: HashComputer
        do { computer = try HashComputer(methods: chosen) } catch { throw CommandFailure(error.description) }
        var lines: [Line] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                lines.append(Line(path: file, error: "cannot read file"))
                continue
            }
            do {
                let hashes = try computer.hashes(of: Array(data), path: file)
                lines.append(Line(path: file, hashes: Dictionary(uniqueKeysWithValues: zip(chosen.map(\.rawValue), hashes.map(\.hex)))))
            } catch {
                lines.append(Line(path: file, error: error.description))
            }
        }
        if json {
            try Output.json(lines)
        } else {
            for line in lines {
                if let error = line.error { Output.note("\(line.path): \(error)"); continue }
                for method in chosen { print("\(method.rawValue)\t\(line.hashes?[method.rawValue] ?? "")\t\(line.path)") }
            }
        }
        // Exit 1 when any file failed, so scripts notice; the others were still printed.
        if lines.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How alike two images are, by every method.",
        discussion: "For each method: the distance, the distance as a fraction of the hash length, and whether it is within the method's default duplicate radius (10 % of the bits).")

    @Argument(help: ArgumentHelp("First image.", valueName: "a")) var a: String
    @Argument(help: ArgumentHelp("Second image.", valueName: "b")) var b: String

    @Flag(help: "Print JSON on stdout.")
    var json = false

    struct Row: Encodable {
        var method: String
        var distance: Int
        var bits: Int
        var normalizedDistance: Double
        var radius: Int
        var duplicate: Bool
    }

    func run() throws {
        let methods = HashMethod.allCases
        let computer: HashComputer
        do { computer = try HashComputer(methods: methods) } catch { throw CommandFailure(error.description) }
        func hashes(_ path: String) throws -> [BitHash] {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read file") }
            do { return try computer.hashes(of: Array(data), path: path) } catch { throw CommandFailure(error.description) }
        }
        let (ha, hb) = (try hashes(a), try hashes(b))
        let rows = zip(methods, zip(ha, hb)).map { method, pair in
            let distance = pair.0.hammingDistance(to: pair.1)
            let radius = NearDuplicateFinder.defaultRadius(for: method)
            return Row(method: method.rawValue, distance: distance, bits: pair.0.count,
                       normalizedDistance: pair.0.normalizedDistance(to: pair.1), radius: radius, duplicate: distance <= radius)
        }
        if json { try Output.json(rows); return }
        print("method              distance   fraction   duplicate (radius)")
        for row in rows {
            let name = row.method.padding(toLength: 18, withPad: " ", startingAt: 0)
            let distance = "\(row.distance)/\(row.bits)".padding(toLength: 9, withPad: " ", startingAt: 0)
            print("\(name) \(distance)" + String(format: " %8.3f   ", row.normalizedDistance)
                  + "\(row.duplicate ? "yes" : "no ") (≤ \(row.radius))")
        }
    }
}
