import Foundation
import LikenessCore
import LikenessLearning

/// Trained heads on disk: `<models>/heads/<name>.json` and `<name>.weights`, beside the ONNX
/// models the ``LikenessEngine/ModelLocator`` finds (`$LIKENESS_MODELS`, else `~/.cache/likeness/models`).
public struct HeadStore: Sendable {
    /// The folder of the heads.
    public let directory: String

    public init(modelsDirectory: String) {
        directory = (modelsDirectory as NSString).appendingPathComponent("heads")
    }

    /// The manifest's path for a head name.
    public func manifestPath(_ name: String) -> String { (directory as NSString).appendingPathComponent(name + ".json") }

    /// Checks a new head's name: letters, digits, `.`, `_` and `-`, not starting with `.`, and not
    /// one of `taken` (built-in methods and model ids).
    public static func validate(name: String, taken: [String]) throws(HeadError) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."), name.allSatisfy({ allowed.contains($0) }) else {
            throw .invalidName(name, reason: "use letters, digits, '.', '_' and '-' (not first '.')")
        }
        guard !taken.contains(name) else { throw .invalidName(name, reason: "a method or model has that name") }
    }

    /// Names of the saved heads, sorted.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Every head's manifest that reads, and a message for each that does not.
    public func all() -> (manifests: [HeadManifest], problems: [String]) {
        var manifests: [HeadManifest] = [], problems: [String] = []
        for name in names() {
            do { manifests.append(try manifest(name)) } catch { problems.append(error.description) }
        }
        return (manifests, problems)
    }

    /// One head's manifest.
    public func manifest(_ name: String) throws(HeadError) -> HeadManifest {
        let path = manifestPath(name)
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(name: name, known: names()) }
        let manifest: HeadManifest
        do { manifest = try JSONDecoder().decode(HeadManifest.self, from: data) } catch {
            throw .unreadable(path: path, message: String(describing: error))
        }
        guard manifest.format <= HeadManifest.currentFormat else { throw .unsupportedFormat(path: path, format: manifest.format) }
        return manifest
    }

    /// A head ready to apply: its manifest, and its network read and checked against the checksum.
    public func load(_ name: String) throws(HeadError) -> (manifest: HeadManifest, head: EmbeddingHead) {
        let manifest = try manifest(name)
        guard manifest.kind == .embedding else { throw .wrongKind(head: name, kind: manifest.kind, needed: .embedding) }
        let (path, parameters) = try parameters(of: manifest)
        do {
            let network = try Network(inputWidth: manifest.architecture.inputWidth, layers: manifest.architecture.layers, parameters: parameters)
            return (manifest, try EmbeddingHead(standardizer: manifest.standardizer, network: network))
        } catch {
            throw .unreadable(path: path, message: error.description)
        }
    }

    /// A pair scorer ready to apply: its manifest, and its tower and fusion read and checked against the checksum.
    public func loadScorer(_ name: String) throws(HeadError) -> (manifest: HeadManifest, scorer: SiameseScorer) {
        let manifest = try manifest(name)
        guard manifest.kind == .scorer, let fusionLayers = manifest.architecture.fusion else {
            throw .wrongKind(head: name, kind: manifest.kind, needed: .scorer)
        }
        let (path, parameters) = try parameters(of: manifest)
        do throws(NetworkError) {
            let towerCount = manifest.architecture.layers.reduce(0) { $0 + $1.parameterCount }
            guard towerCount <= parameters.count else { throw NetworkError.parameterCount(expected: towerCount, found: parameters.count) }
            let tower = try Network(inputWidth: manifest.architecture.inputWidth, layers: manifest.architecture.layers,
                                    parameters: Array(parameters[..<towerCount]))
            let fusion = try Network(inputWidth: PairFusion.width, layers: fusionLayers, parameters: Array(parameters[towerCount...]))
            return (manifest, try SiameseScorer(standardizer: manifest.standardizer, tower: tower, fusion: fusion))
        } catch {
            throw .unreadable(path: path, message: error.description)
        }
    }

    /// The weights file's path and its float32 values, checked against the manifest's SHA-256.
    private func parameters(of manifest: HeadManifest) throws(HeadError) -> (path: String, values: [Float]) {
        let path = (directory as NSString).appendingPathComponent(manifest.weights.file)
        return (path, try Self.readWeights(at: path, sha256: manifest.weights.sha256))
    }

    /// The float32 values of a weights file, checked against its SHA-256 (heads' and encoders').
    static func readWeights(at path: String, sha256: String) throws(HeadError) -> [Float] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, message: "missing weights file") }
        let bytes = [UInt8](data)
        let digest = SHA256.hash(bytes).hex
        guard digest == sha256 else { throw .checksumMismatch(path: path, expected: sha256, actual: digest) }
        guard bytes.count % 4 == 0 else { throw .unreadable(path: path, message: "\(bytes.count) bytes is not a whole number of float32") }
        return stride(from: 0, to: bytes.count, by: 4).map { i in
            Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24)
        }
    }

    /// The little-endian float32 bytes of a network's parameters.
    public static func weightBytes(_ network: Network) -> [UInt8] { weightBytes(network.parameters) }

    /// The little-endian float32 bytes of parameters (a scorer's tower then fusion).
    public static func weightBytes(_ parameters: [Float]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(parameters.count * 4)
        for value in parameters {
            let bits = value.bitPattern
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }

    /// Writes the weights, then the manifest (so a manifest always has its weights). An existing
    /// head of that name is refused; nothing is overwritten.
    public func save(_ manifest: HeadManifest, weights bytes: [UInt8]) throws(HeadError) -> String {
        let path = manifestPath(manifest.name)
        try Self.write(manifest, name: manifest.name, to: path, weights: bytes,
                       at: (directory as NSString).appendingPathComponent(manifest.weights.file))
        return path
    }

    /// Writes a weights file, then its manifest as sorted, pretty JSON, refusing to overwrite either
    /// (heads' and encoders').
    static func write(_ manifest: some Encodable, name: String, to path: String, weights bytes: [UInt8], at weightsPath: String) throws(HeadError) {
        guard !FileManager.default.fileExists(atPath: path), !FileManager.default.fileExists(atPath: weightsPath) else {
            throw .exists(name: name, path: path)
        }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: weightsPath), options: .withoutOverwriting)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(manifest).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw .unwritable(path: path, message: error.localizedDescription)
        }
    }
}
