import ArgumentParser
import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging

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
            numbers separated by commas. Without --method, every method is printed.
            """)

    @Argument(help: ArgumentHelp("Image files.", valueName: "file"))
    var files: [String]

    @Option(name: .customLong("method"), help: "Hash method (bit or continuous); repeat for several.")
    var methods: [PerceptualMethod] = []

    @Flag(help: "Print JSON on stdout.")
    var json = false

    struct Line: Encodable {
        var path: String
        var hashes: [String: String]?
        var features: [String: [Double]]?
        var error: String?
    }

    func run() throws {
        let computer: HashComputer
        do { computer = try HashComputer(perceptual: methods.isEmpty ? PerceptualMethod.allCases : methods) } catch {
            throw CommandFailure(error.description)
        }
        let (chosen, chosenFeatures) = (computer.methods, computer.featureMethods)
        var lines: [Line] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                lines.append(Line(path: file, error: "cannot read file"))
                continue
            }
            do {
                let (hashes, values) = try computer.all(of: Array(data), path: file)
                lines.append(Line(path: file, hashes: Dictionary(uniqueKeysWithValues: zip(chosen.map(\.rawValue), hashes.map(\.hex))),
                                  features: Dictionary(uniqueKeysWithValues: zip(chosenFeatures.map(\.rawValue), values.map(\.values)))))
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
                for method in chosenFeatures {
                    let numbers = (line.features?[method.rawValue] ?? []).map { String(format: "%.6g", $0) }.joined(separator: ",")
                    print("\(method.rawValue)\t\(numbers)\t\(line.path)")
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
            (radial: 1 − peak cross-correlation; colormoments: L2 of Hu moments) and its default threshold.
            """)

    @Argument(help: ArgumentHelp("First image.", valueName: "a")) var a: String
    @Argument(help: ArgumentHelp("Second image.", valueName: "b")) var b: String

    @Flag(help: "Print JSON on stdout.")
    var json = false

    @Option(help: "Embedding model for the cosine row (see `likeness models list`).")
    var model: String = "efficientnet-lite0"

    @Flag(help: "Skip the embedding row (no ONNX Runtime needed).")
    var noEmbedding = false

    struct Row: Encodable {
        var method: String
        var distance: Double
        /// Hash length for bit hashes; nil for continuous hashes.
        var bits: Int?
        var normalizedDistance: Double?
        var threshold: Double
        var duplicate: Bool
    }

    func run() throws {
        let methods = HashMethod.allCases, featureMethods = FeatureMethod.allCases
        let computer: HashComputer
        do { computer = try HashComputer(methods: methods, features: featureMethods) } catch { throw CommandFailure(error.description) }
        func hashes(_ path: String) throws -> (bits: [BitHash], features: [FeatureHash]) {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read file") }
            do { return try computer.all(of: Array(data), path: path) } catch { throw CommandFailure(error.description) }
        }
        let (ha, hb) = (try hashes(a), try hashes(b))
        var rows = zip(methods, zip(ha.bits, hb.bits)).map { method, pair in
            let distance = pair.0.hammingDistance(to: pair.1)
            let radius = method.defaultRadius
            return Row(method: method.rawValue, distance: Double(distance), bits: pair.0.count,
                       normalizedDistance: pair.0.normalizedDistance(to: pair.1), threshold: Double(radius), duplicate: distance <= radius)
        }
        rows += zip(featureMethods, zip(ha.features, hb.features)).map { method, pair in
            let distance = pair.0.distance(to: pair.1)
            return Row(method: method.rawValue, distance: distance, bits: nil, normalizedDistance: nil,
                       threshold: method.defaultThreshold, duplicate: distance <= method.defaultThreshold)
        }
        if !noEmbedding { rows.append(try embeddingRow()) }
        if json { try Output.json(rows); return }
        print("method             distance    fraction   duplicate (threshold)   [embedding: 1 − cosine]")
        for row in rows {
            let name = row.method.padding(toLength: max(18, row.method.count), withPad: " ", startingAt: 0)
            let distance = (row.bits.map { "\(Int(row.distance))/\($0)" } ?? String(format: "%.3g", row.distance))
                .padding(toLength: 10, withPad: " ", startingAt: 0)
            let fraction = row.normalizedDistance.map { String(format: "%8.3f", $0) } ?? "       –"
            let threshold = row.bits == nil ? String(format: "%.3g", row.threshold) : String(Int(row.threshold))
            print("\(name) \(distance) \(fraction)   \(row.duplicate ? "yes" : "no ") (≤ \(threshold))")
        }
    }

    /// 1 − cosine similarity of the two images' embeddings.
    private func embeddingRow() throws -> Row {
        let (opened, input) = try ModelOptions.open(model: model, threads: 1)
        func pixels(_ path: String) throws -> PixelBuffer {
            guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure("\(path): cannot read file") }
            do { return try input.pixels(from: Array(data), path: path) } catch { throw CommandFailure(error.description) }
        }
        let results = try opened.embed([try pixels(a), try pixels(b)])
        guard case .success(let va) = results[0], case .success(let vb) = results[1] else {
            throw CommandFailure("\(opened.id) produced no usable vector for one of the images")
        }
        let distance = Double(1 - va.cosineSimilarity(to: vb))
        let threshold = EmbeddingDefaults.duplicateDistance
        return Row(method: "\(opened.id) (cosine)", distance: distance, bits: nil, normalizedDistance: nil,
                   threshold: threshold, duplicate: distance <= threshold)
    }
}

/// Provisional embedding thresholds until calibration (issue #6) replaces them.
enum EmbeddingDefaults {
    /// 1 − cosine at or below which two images count as near-duplicates: cosine ≥ 0.90. On the
    /// developers' photos a JPEG q30 re-encode scored 0.90–0.98 and unrelated photos about 0.15.
    static let duplicateDistance = 0.10
}
