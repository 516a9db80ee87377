import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
import LikenessNumerics

/// `map`: a 2-D layout of the images under the folders (or the whole catalog) from their
/// vectors (a ``ClusterMethod``: embeddings by default, pixels or a bit hash), coloured by folder
/// or by a saved clustering.
public struct MapJob: Job {
    public var folders: [String]
    public var projection: MapProjection
    /// Nil: the projection's ``MapProjection/defaultReduction``.
    public var reduction: Reduction?
    public var colouring: MapColouring
    /// What makes the vectors, as for `cluster` (default: the default model's embeddings).
    public var method: ClusterMethod
    /// ONNX Runtime threads for a model method.
    public var threads: Int

    public init(folders: [String], projection: MapProjection = .pca, reduction: Reduction? = nil, colouring: MapColouring = .folder,
                method: ClusterMethod = .model(ModelDefaults.model), threads: Int = 1) {
        self.folders = folders
        self.projection = projection
        self.reduction = reduction
        self.colouring = colouring
        self.method = method
        self.threads = threads
    }

    public func run(in context: JobContext) throws(JobError) -> MapResult {
        let saved: [String: Int]?
        if case let .cluster(name) = colouring {
            // Read first, so a wrong name fails before any embedding work.
            let (_, members) = try SavedClusteringsJob.named(name, in: try context.openStore(for: .readingAndFilling))
            saved = Dictionary(members.map { ($0.path, $0.label) }, uniquingKeysWith: { first, _ in first })
        } else { saved = nil }
        let vectors = try ClusterVectors.load(folders: folders, method: method, threads: threads, context: context)
        let reduction = self.reduction ?? projection.defaultReduction
        let coordinates: Matrix
        do {
            let (points, _) = try reduction.apply(to: vectors.points)
            coordinates = try projection.project(points, context: context)
        } catch .cancelled { throw .cancelled } catch { throw .invalidInput(error.description) }
        let paths = vectors.images.map(\.path)
        let (groups, membership) = Self.groups(paths, colouring: colouring, saved: saved)
        let points = paths.indices.map { MapResult.Point(path: paths[$0], x: coordinates[$0, 0], y: coordinates[$0, 1], group: membership[$0]) }
        return MapResult(projection: projection, reduction: reduction, colouring: colouring, method: vectors.method, model: vectors.method.model,
                         groups: groups, points: points, scan: vectors.scan,
                         skipped: vectors.skipped.isEmpty ? nil : vectors.skipped, stale: vectors.stale.isEmpty ? nil : vectors.stale)
    }

    /// Group names and each path's group.
    static func groups(_ paths: [String], colouring: MapColouring, saved: [String: Int]?) -> ([String], [Int?]) {
        switch colouring {
        case .none: return ([], paths.map { _ in nil })
        case .folder:
            let folders = paths.map { ($0 as NSString).deletingLastPathComponent }
            let names = Array(Set(folders)).sorted()
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            return (names, folders.map { index[$0] })
        case .cluster:
            let labels = paths.map { saved?[$0] }
            let count = (labels.compactMap { $0 }.max() ?? -1) + 1
            return ((0..<count).map { "cluster \($0)" }, labels.map { $0.flatMap { $0 >= 0 ? $0 : nil } })
        }
    }
}
