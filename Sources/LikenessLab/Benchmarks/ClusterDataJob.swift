import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessNumerics

/// `bench cluster-data`: the vectors the clustering benchmark runs on, computed once and cached
/// as `.npy` files: one method's features for every image of one or more IDX files (Fashion-MNIST's
/// train and t10k make 70,000), their PCA projection, and the classes.
///
/// Writes `<out>/<method>.npy` (N × d float32), `<out>/<method>-pca<C>.npy` and
/// `<out>/classes.npy` (int64). An existing features file is reused, so embedding 70,000 images
/// happens once.
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
        guard !idxFiles.isEmpty else { throw .invalidInput("give at least one IDX image file") }
        var paths: [String] = [], groups: [Int] = [], pixels: [PixelBuffer] = []
        for file in idxFiles {
            do {
                let part = try EvalDataset.load(file, layout: .idx)
                paths += part.paths
                groups += part.groups
                pixels += part.pixels ?? []
            } catch {
                throw .file(path: file, message: error.description)
            }
        }
        let name = method.name.replacingOccurrences(of: "/", with: "_")
        let folder = outputFolder as NSString
        let featuresPath = folder.appendingPathComponent("\(name).npy")
        let reducedPath = folder.appendingPathComponent("\(name)-pca\(components).npy")
        let classesPath = folder.appendingPathComponent("classes.npy")
        do {
            try FileManager.default.createDirectory(atPath: outputFolder, withIntermediateDirectories: true)
            var points: Matrix
            let reused = FileManager.default.fileExists(atPath: featuresPath)
            if reused {
                points = try NumpyFile.readMatrix(featuresPath)
                guard points.rows == paths.count else {
                    throw JobError.invalidInput("\(featuresPath) holds \(points.rows) vectors, the IDX files \(paths.count); remove it to recompute")
                }
            } else {
                let data = EvalDataset(paths: paths, groups: groups, groupNames: (0...(groups.max() ?? 0)).map(String.init), pixels: pixels)
                let features = try FeatureExtraction(configuration: extraction)
                    .features(method, of: data, progress: context.progress, cancellation: context.cancellation).vectors
                guard let missing = features.firstIndex(where: { $0 == nil }) else {
                    points = try Matrix(checking: features.map { $0! })
                    try NumpyFile.write(points, to: featuresPath)
                    return try finish(points, groups: groups, reused: false, featuresPath, reducedPath, classesPath)
                }
                throw JobError.failed("image \(paths[missing]) has no \(method.name) feature")
            }
            return try finish(points, groups: groups, reused: reused, featuresPath, reducedPath, classesPath)
        } catch let error as JobError {
            throw error
        } catch {
            throw .failed(String(describing: error))
        }
    }

    private func finish(_ points: Matrix, groups: [Int], reused: Bool, _ featuresPath: String, _ reducedPath: String,
                        _ classesPath: String) throws -> Result {
        let pca = try PCA(fitting: points, components: min(components, points.columns))
        try NumpyFile.write(pca.transform(points), to: reducedPath)
        try NumpyFile.write(groups, to: classesPath)
        return Result(features: featuresPath, reduced: reducedPath, classes: classesPath, points: points.rows,
                      dimension: points.columns, components: pca.components.rows,
                      explainedVariance: pca.explainedVarianceRatio.reduce(0, +), reused: reused)
    }
}
