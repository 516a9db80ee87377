import Foundation
import LikenessCore
import LikenessEngine
import LikenessNumerics

/// The labelled base features a head trains on, computed once.
struct TrainingData {
    var features: Matrix
    var labels: [Int]
    var classNames: [String]
    /// Seconds spent computing (or reading) the features.
    var seconds: Double
    /// True when the features came from a `.npy` cache.
    var reused: Bool
    /// Images left out because their feature could not be computed (counted for unlabelled views).
    var leftOut = 0

    /// Reads the training images of `dataset` and computes `method`'s feature for each.
    ///
    /// - An IDX folder with `train-…` and `t10k-…` files trains on the train file only (the test
    ///   file is left for `eval`); a single IDX file trains on all of it. With `cache`, the features
    ///   of both files are read from (or written to) `<cache>/<method>.npy` as `bench cluster-data`
    ///   does, and the training rows taken from them.
    /// - Other layouts read the whole set (a folder per class).
    /// Images without a feature are left out.
    static func load(_ dataset: String, layout: EvalDataset.Layout, method: EvalMethod, cache: String?,
                     extraction: FeatureExtraction.Configuration, context: JobContext) throws(JobError) -> TrainingData {
        let started = ContinuousClock.now
        if layout == .idx, let cache, let (train, test) = ProbeSplit.idxPair(in: dataset) {
            let trainSet: EvalDataset
            do { trainSet = try EvalDataset.load(train, layout: .idx) } catch { throw .invalidInput(error.description) }
            let cached = try BenchFeatures.load([train, test], method: method, folder: cache, extraction: extraction, context: context)
            let rows = cached.points.selecting(rows: Array(0..<trainSet.paths.count))
            return TrainingData(features: rows, labels: Array(cached.classes.prefix(trainSet.paths.count)), classNames: trainSet.groupNames,
                                seconds: (ContinuousClock.now - started).seconds, reused: cached.reused)
        }
        let data: EvalDataset
        do {
            if layout == .idx, let (train, _) = ProbeSplit.idxPair(in: dataset) {
                data = try EvalDataset.load(train, layout: .idx)
            } else {
                data = try EvalDataset.load(dataset, layout: layout)
            }
        } catch {
            throw .invalidInput(error.description)
        }
        let vectors = try FeatureExtraction(configuration: extraction)
            .features(method, of: data, progress: context.progress, cancellation: context.cancellation).vectors
        let present = vectors.indices.filter { vectors[$0] != nil }
        guard let first = present.first else { throw .invalidInput("no image of \(dataset) has a \(method.name) feature") }
        let width = vectors[first]!.count
        var values: [Float] = []
        values.reserveCapacity(present.count * width)
        for i in present {
            guard vectors[i]!.count == width else { throw .invalidInput("\(data.paths[i]) has a \(vectors[i]!.count)-d feature, the others \(width)-d") }
            values += vectors[i]!
        }
        return TrainingData(features: Matrix(rows: present.count, columns: width, values: values), labels: present.map { data.groups[$0] },
                            classNames: data.groupNames, seconds: (ContinuousClock.now - started).seconds, reused: false)
    }
}
