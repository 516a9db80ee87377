import ArgumentParser
import LikenessEngine
import LikenessLab

extension EvalDataset.Layout: ExpressibleByArgument {}

/// The dataset and model options shared by `eval` and `eval probe`.
struct EvalOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset folder (or IDX file).", valueName: "dataset")) var dataset: String
    @Option(help: ArgumentHelp("How groups are read from file names (default: idx for an IDX file, recognised by its magic number, or a folder holding one; else folders).",
                               valueName: "layout"))
    var layout: EvalDataset.Layout?
    @Option(help: "ONNX Runtime threads for embedding models.") var threads: Int = 1

    /// Parses a comma-separated method list against the installed models, the trained encoders (models of their own)
    /// and trained embedding heads (a pair scorer is no method); an unknown name fails with the valid ones.
    func methods(_ text: String) throws -> [EvalMethod] {
        let locator = ModelLocator.fromEnvironment()
        let models = locator.registry.all().manifests.map(\.id) + locator.encoders.names()
        let heads = locator.heads.all().manifests.filter { $0.kind == .embedding }.map(\.name)
        do { return try EvalMethod.list(text, models: models, heads: heads) } catch { throw CommandFailure(error.description) }
    }

    /// One note per method whose images partly have no feature.
    static func noteMissing(_ methods: [String], _ missing: [Int], of images: Int) {
        for (method, count) in zip(methods, missing) where count > 0 {
            Output.note("\(method): \(count) of \(images) images have no feature and are left out")
        }
    }
}
