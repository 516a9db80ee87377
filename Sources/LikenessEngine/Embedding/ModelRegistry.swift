import Foundation
import LikenessCore
import LikenessEmbedding

/// The embedding models Likeness knows: the built-in ones (``ModelManifest/builtIn``) plus manifests added by the user,
/// kept as JSON files in `<models folder>/manifests/`.
public struct ModelRegistry: Sendable {
    /// Where model files and the `manifests` folder live.
    public let modelsDirectory: String

    public init(modelsDirectory: String) {
        self.modelsDirectory = modelsDirectory
    }

    var manifestsDirectory: String { (modelsDirectory as NSString).appendingPathComponent("manifests") }

    /// Every known manifest, the default first. Unreadable manifest files are reported, not skipped silently.
    public func all() -> (manifests: [ModelManifest], problems: [String]) {
        var manifests = ModelManifest.builtIn
        var problems: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: manifestsDirectory)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            do {
                let manifest = try ModelManifest.load(from: (manifestsDirectory as NSString).appendingPathComponent(name))
                if !manifests.contains(where: { $0.id == manifest.id }) { manifests.append(manifest) }
            } catch {
                problems.append(error.description)
            }
        }
        return (manifests, problems)
    }

    /// Whether the model file of `manifest` is present (a manifest can be added before its file).
    public func isInstalled(_ manifest: ModelManifest) -> Bool {
        FileManager.default.fileExists(atPath: manifest.path(in: modelsDirectory))
    }

    /// The manifest with this id; the error lists the known ids.
    public func manifest(_ id: String) throws(UnknownNameError) -> ModelManifest {
        let known = all().manifests
        guard let manifest = known.first(where: { $0.id == id }) else {
            throw UnknownNameError(kind: "model", given: id, valid: known.map(\.id))
        }
        return manifest
    }

    /// Validates a manifest file and copies it into the registry; returns the stored manifest.
    @discardableResult
    public func add(manifestAt path: String) throws(EmbeddingError) -> ModelManifest {
        var manifest = try ModelManifest.load(from: path)
        guard !ModelManifest.builtIn.contains(where: { $0.id == manifest.id }) else {
            throw EmbeddingError.invalidManifest("\(manifest.id) is a built-in model's id; choose another")
        }
        // A relative model file is taken relative to the manifest's own folder.
        if !manifest.file.hasPrefix("/") {
            let folder = (URL(fileURLWithPath: path).standardizedFileURL.path as NSString).deletingLastPathComponent
            manifest.file = (folder as NSString).appendingPathComponent(manifest.file)
        }
        do {
            try FileManager.default.createDirectory(atPath: manifestsDirectory, withIntermediateDirectories: true)
            try Data(manifest.json().utf8).write(to: URL(fileURLWithPath: (manifestsDirectory as NSString).appendingPathComponent("\(manifest.id).json")))
        } catch {
            throw EmbeddingError.invalidManifest("cannot store \(manifest.id) in \(manifestsDirectory): \(error.localizedDescription)")
        }
        return manifest
    }
}
