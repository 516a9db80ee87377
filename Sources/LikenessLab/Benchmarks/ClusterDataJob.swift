import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessNumerics

/// `bench cluster-data`: the vectors the clustering benchmark runs on, computed once and cached
/// as `.npy` files: one method's features for every image of one or more IDX files (Fashion-MNIST's
/// train and t10k make 70,000), their PCA projection, and the classes.
///
/// Writes `<out>/<method>.npy` (N × d float32) and `<out>/classes.npy` (int64) through
/// ``BenchFeatures`` (an existing features file is reused, so embedding 70,000 images happens
/// once; `bench map` reads the same files), and `<out>/<method>-pca<C>.npy`.
public struct ClusterDataJob: Job {
    /// A summary of the files written.
    public struct Result: Sendable, Codable {
        public var features: String
        public var reduced: String
        public var classes: String
        public var points: Int
        public var dimension: Int
        public var components: Int
        /// Share of the variance the PCA components keep.
        public var explainedVariance: Double
        /// True when the features file was already there.
        public var reused: Bool
    }

    /// IDX image files, read in this order.
    public var idxFiles: [String]
    public var method: EvalMethod
    public var outputFolder: String
    /// PCA components for the reduced file. Default 50.
    public var components: Int
    public var extraction: FeatureExtraction.Configuration

    public init(idxFiles: [String], method: EvalMethod, outputFolder: String, components: Int = 50,
                extraction: FeatureExtraction.Configuration = .init()) {
        self.idxFiles = idxFiles
        self.method = method
        self.outputFolder = outputFolder
        self.components = components
        self.extraction = extraction
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        let features = try BenchFeatures.load(idxFiles, method: method, folder: outputFolder, extraction: extraction, context: context)
        let reducedPath = (outputFolder as NSString)
            .appendingPathComponent("\(method.name.replacingOccurrences(of: "/", with: "_"))-pca\(components).npy")
        do {
            let pca = try PCA(fitting: features.points, components: min(components, features.points.columns))
            try NumpyFile.write(pca.transform(features.points), to: reducedPath)
            return Result(features: features.path, reduced: reducedPath,
                          classes: (outputFolder as NSString).appendingPathComponent("classes.npy"),
                          points: features.points.rows, dimension: features.points.columns, components: pca.components.rows,
                          explainedVariance: pca.explainedVarianceRatio.reduce(0, +), reused: features.reused)
        } catch {
            throw .failed(String(describing: error))
        }
    }
}
