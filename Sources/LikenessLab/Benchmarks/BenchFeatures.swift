import Foundation
import LikenessCore
import LikenessEngine
import LikenessNumerics

/// The vectors the clustering and map benchmarks run on: one method's features for every image
/// of one or more IDX files, in file order, with each image's class, cached as `.npy` so the
/// model runs once (embedding Fashion-MNIST's 70,000 images takes about 20 minutes here) and the
/// Python peers read the very same vectors.
///
/// Files in `folder`: `<method>.npy` (N × d float32) and `classes.npy` (int64); with a
/// per-file limit, `<method>-first<L>.npy` and `classes-first<L>.npy`. `bench cluster-data` and
/// `bench map` share them. A joined method (`efficientnet-lite0+pixels`) is built from its parts'
/// files (each computed and cached when missing) and cached under its own name too.
public struct BenchFeatures: Sendable {
    public let points: Matrix
    public let classes: [Int]
    /// The features file.
    public let path: String
    /// True when the features came from the cache.
    public let reused: Bool

    /// `$LIKENESS_CACHE/bench/fashion` (or ~/.cache/likeness/bench/fashion): where the default
    /// Fashion-MNIST vectors live.
    public static func defaultFolder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let root = environment["LIKENESS_CACHE"] ?? (NSHomeDirectory() as NSString).appendingPathComponent(".cache/likeness")
        return ((root as NSString).appendingPathComponent("bench") as NSString).appendingPathComponent("fashion")
    }

    /// Fashion-MNIST's train and test images as Debian's dataset package installs them.
    public static let fashionMNIST = ["train", "t10k"].map { "/usr/share/datasets/fashion-mnist/\($0)-images-idx3-ubyte.gz" }

    /// The cached features when `folder` holds them for these images, else computed (every image
    /// must have one: a benchmark on a silently shorter set would mislead) and cached.
    public static func load(_ idxFiles: [String], method: EvalMethod, limit: Int? = nil, folder: String,
                            extraction: FeatureExtraction.Configuration, context: JobContext) throws(JobError) -> BenchFeatures {
        guard !idxFiles.isEmpty else { throw .invalidInput("give at least one IDX image file") }
        var paths: [String] = [], classes: [Int] = [], pixels: [PixelBuffer] = []
        for file in idxFiles {
            do {
                let part = try EvalDataset.load(file, layout: .idx, limit: limit)
                paths += part.paths
                classes += part.groups
                pixels += part.pixels ?? []
            } catch {
                throw .file(path: file, message: error.description)
            }
        }
        let suffix = limit.map { "-first\($0)" } ?? ""
        let stem = (folder as NSString).appendingPathComponent(method.name.replacingOccurrences(of: "/", with: "_") + suffix)
        let (featuresPath, classesPath) = (stem + ".npy", (folder as NSString).appendingPathComponent("classes\(suffix).npy"))
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: featuresPath) {
                let points = try NumpyFile.readMatrix(featuresPath)
                guard points.rows == paths.count else {
                    throw JobError.invalidInput("\(featuresPath) holds \(points.rows) vectors, the IDX files \(paths.count); remove it to recompute")
                }
                try NumpyFile.write(classes, to: classesPath)
                return BenchFeatures(points: points, classes: classes, path: featuresPath, reused: true)
            }
            let features: [[Float]?]
            if case .joined(let parts) = method {
                // Each part from its own cache (computed and cached there when missing), then joined.
                features = EvalMethod.join(try parts.map { part throws(JobError) in
                    try load(idxFiles, method: part, limit: limit, folder: folder, extraction: extraction, context: context).points.rowArrays
                })
            } else {
                let data = EvalDataset(paths: paths, groups: classes, groupNames: (0...(classes.max() ?? 0)).map(String.init), pixels: pixels)
                features = try FeatureExtraction(configuration: extraction)
                    .features(method, of: data, progress: context.progress, cancellation: context.cancellation).vectors
            }
            if let missing = features.firstIndex(where: { $0 == nil }) {
                throw JobError.failed("image \(paths[missing]) has no \(method.name) feature")
            }
            let points = try Matrix(checking: features.map { $0! })
            try NumpyFile.write(points, to: featuresPath)
            try NumpyFile.write(classes, to: classesPath)
            return BenchFeatures(points: points, classes: classes, path: featuresPath, reused: false)
        } catch let error as JobError {
            throw error
        } catch {
            throw .file(path: featuresPath, message: String(describing: error))
        }
    }
}
