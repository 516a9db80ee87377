import Foundation
import LikenessLearning

/// Encoders on disk: `<models>/encoders/<name>.json` and `<name>.weights`, beside the ONNX models
/// and the heads (`$LIKENESS_MODELS`, else `~/.cache/likeness/models`). Never overwritten.
public struct EncoderStore: Sendable {
    /// The folder of the encoders.
    public let directory: String

    public init(modelsDirectory: String) {
        directory = (modelsDirectory as NSString).appendingPathComponent("encoders")
    }

    /// The manifest's path for an encoder name.
    public func manifestPath(_ name: String) -> String { (directory as NSString).appendingPathComponent(name + ".json") }

    /// Names of the saved encoders, sorted.
    public func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Every encoder's manifest that reads, and a message for each that does not.
    public func all() -> (manifests: [EncoderManifest], problems: [String]) {
        var manifests: [EncoderManifest] = [], problems: [String] = []
        for name in names() {
            do { manifests.append(try manifest(name)) } catch { problems.append(error.description) }
        }
        return (manifests, problems)
    }

    /// One encoder's manifest.
    public func manifest(_ name: String) throws(EncoderError) -> EncoderManifest {
        let path = manifestPath(name)
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(name: name, known: names()) }
        let manifest: EncoderManifest
        do { manifest = try JSONDecoder().decode(EncoderManifest.self, from: data) } catch {
            throw .store(.unreadable(path: path, message: String(describing: error)))
        }
        guard manifest.format <= EncoderManifest.currentFormat else { throw .unsupportedFormat(path: path, format: manifest.format) }
        return manifest
    }

    /// An encoder ready to use: its manifest, and its autoencoder read and checked against the checksum.
    public func load(_ name: String) throws(EncoderError) -> (manifest: EncoderManifest, autoencoder: Autoencoder) {
        let manifest = try manifest(name)
        let path = (directory as NSString).appendingPathComponent(manifest.weights.file)
        let parameters: [Float]
        do { parameters = try HeadStore.readWeights(at: path, sha256: manifest.weights.sha256) } catch { throw .store(error) }
        do {
            return (manifest, try Autoencoder(architecture: manifest.architecture, parameters: parameters))
        } catch {
            throw .damaged(path: path, message: String(describing: error))
        }
    }

    /// Writes the weights, then the manifest; an existing encoder of that name is refused.
    public func save(_ manifest: EncoderManifest, weights bytes: [UInt8]) throws(EncoderError) -> String {
        let path = manifestPath(manifest.name)
        do {
            try HeadStore.write(manifest, name: manifest.name, to: path, weights: bytes,
                                at: (directory as NSString).appendingPathComponent(manifest.weights.file))
        } catch {
            throw .store(error)
        }
        return path
    }
}
