import ArgumentParser
import LikenessCore
import LikenessEngine
import LikenessLab

extension EvalDataset.Layout: ExpressibleByArgument {}

/// The dataset and model options shared by `eval` and `eval probe`.
struct EvalOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset folder (or IDX file).", valueName: "dataset")) var dataset: String
    @Option(help: "How groups are read from file names.") var layout: EvalDataset.Layout = .folders
    @Option(help: "ONNX Runtime threads for embedding models.") var threads: Int = 1

    /// Parses a comma-separated method list; an unknown name fails with the valid ones.
    func methods(_ text: String) throws -> [EvalMethod] {
        let models = ModelRegistry(modelsDirectory: ModelOptions.modelsDirectory).all().manifests.map(\.id)
        do { return try EvalMethod.list(text, models: models) } catch { throw CommandFailure(error.description) }
    }

    /// Feature extraction with the installed runtime and models.
    var extraction: FeatureExtraction {
        FeatureExtraction(configuration: .init(modelsDirectory: ModelOptions.modelsDirectory, runtimeLibrary: ModelOptions.runtimeLibrary,
                                               modelThreads: max(1, threads)))
    }

    /// Features of one method with progress on stderr, and the seconds they took.
    func features(_ method: EvalMethod, of data: EvalDataset) throws -> (RetrievalEvaluation.Features, Double) {
        let started = ContinuousClock.now
        do {
            let features = try extraction.features(method, of: data, progress: TerminalProgress())
            let failed = features.failures
            if failed > 0 { Output.note("\(method.name): \(failed) of \(data.paths.count) images have no feature and are left out") }
            return (features, (ContinuousClock.now - started).seconds)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
