import Foundation
import LikenessAnalysis

/// Where the BRISQUE model (``BRISQUEModel``) is, and the one way to load it: the file
/// `brisque/brisque-model.json` in the models directory of ``ModelLocator``, where setup writes it
/// (scripts/setup.sh, step 5c).
public struct BRISQUEModelLocator: Sendable, Equatable {
    /// The model's path under the models directory.
    public static let relativePath = "brisque/brisque-model.json"
    /// The model file.
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// The model in `modelsDirectory`.
    public init(modelsDirectory: String) {
        self.init(path: (modelsDirectory as NSString).appendingPathComponent(Self.relativePath))
    }

    /// The model in the models directory of ``ModelLocator/fromEnvironment(_:)``
    /// (`$LIKENESS_MODELS`, else `<cache>/models`).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> BRISQUEModelLocator {
        BRISQUEModelLocator(modelsDirectory: ModelLocator.fromEnvironment(environment).modelsDirectory)
    }

    /// Reads and checks the model.
    /// - Throws: ``BRISQUEModelError`` when the file is missing, unreadable or not a model.
    public func load() throws(BRISQUEModelError) -> BRISQUEModel {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try BRISQUEModel(json: data, path: path)
    }
}
