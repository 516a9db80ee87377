import Foundation
import LikenessCore
import LikenessEngine
import LikenessLearning
import LikenessNumerics

/// `eval triplets`: how often a pair scorer (`train siamese`) and the distances it is built from put
/// an anchor nearer an image of its class than an image of another class, on seeded triplets of a
/// labelled set the scorer did not train on — the seed's comparison of Euclidean distance, cosine
/// and the fused metric.
///
/// For each triplet (anchor, positive of the anchor's class, negative of another class) a measure
/// is right when the positive is strictly nearer (a distance strictly smaller, a similarity or
/// probability strictly larger); ties count as wrong. Measured on the scorer's base features as
/// they are, on the scorer's tower outputs (its learned embedding), and by the scorer itself.
public struct TripletEvalJob: Job {
    /// A folder per class or an IDX folder / file (the t10k file of an IDX pair, as `eval` reads it).
    public var dataset: String
    /// Nil: detected as `eval` does.
    public var layout: EvalDataset.Layout?
    /// The pair scorer's name.
    public var scorer: String
    /// Number of triplets. Default 10,000.
    public var triplets: Int
    /// Seeds the triplets. Default 1.
    public var seed: UInt64
    /// ONNX Runtime threads for a model base. Default 1.
    public var threads: Int

    public init(dataset: String, layout: EvalDataset.Layout? = nil, scorer: String, triplets: Int = 10_000, seed: UInt64 = 1, threads: Int = 1) {
        self.dataset = dataset
        self.layout = layout
        self.scorer = scorer
        self.triplets = triplets
        self.seed = seed
        self.threads = threads
    }

    /// One measure's share of triplets ranked right.
    public struct Measure: Codable, Sendable, Equatable {
        /// `Euclidean`, `cosine` or `fused`.
        public var measure: String
        /// `base` (the base features), `tower` (the scorer's learned embedding) or `scorer`.
        public var space: String
        public var accuracy: Double
    }

    public struct Result: Codable, Sendable {
        public var dataset: String
        public var layout: String
        public var scorer: String
        public var base: String
        /// Images with a base feature, and their classes.
        public var images: Int
        public var classes: Int
        public var triplets: Int
        public var seed: UInt64
        public var measures: [Measure]
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        guard triplets > 0 else { throw .invalidInput("--triplets takes a positive count") }
        let (manifest, scorer) = try Self.loadScorer(self.scorer, models: context.models)
        let base = try HeadBase.resolve(manifest, named: self.scorer, models: context.models)
        let layout = self.layout ?? .detected(for: dataset)
        let data: EvalDataset
        do { data = try EvalDataset.load(dataset, layout: layout) } catch { throw .invalidInput(error.description) }
        let extraction = FeatureExtraction(configuration: .init(models: context.models, modelThreads: max(1, threads), workers: context.workers))
        let vectors = try extraction.features(base, of: data, progress: context.progress, cancellation: context.cancellation).vectors
        let present = vectors.indices.filter { vectors[$0] != nil }
        for i in present where vectors[i]!.count != scorer.inputWidth {
            throw .head(.wrongDimension(head: self.scorer, expected: scorer.inputWidth, given: vectors[i]!.count))
        }
        let features: Matrix
        do { features = try Matrix(checking: present.map { vectors[$0]! }) } catch { throw .invalidInput(error.description) }
        let labels = present.map { data.groups[$0] }
        let sampled = try Self.sample(triplets, labels: labels, seed: seed, dataset: dataset)
        let tower = scorer.tower(scorer.standardizer.apply(rows: features))
        let rows = (anchors: sampled.map(\.anchor), positives: sampled.map(\.positive), negatives: sampled.map(\.negative))
        func share(_ right: (Int) -> Bool) -> Double { Double(sampled.indices.filter(right).count) / Double(sampled.count) }
        func measures(_ space: Matrix, named name: String) -> [Measure] {
            let (a, p, n) = (space.selecting(rows: rows.anchors), space.selecting(rows: rows.positives), space.selecting(rows: rows.negatives))
            return [
                Measure(measure: "Euclidean", space: name, accuracy: share { Self.squaredDistance(a.row($0), p.row($0)) < Self.squaredDistance(a.row($0), n.row($0)) }),
                Measure(measure: "cosine", space: name, accuracy: share { a.row($0).cosineSimilarity(to: p.row($0)) > a.row($0).cosineSimilarity(to: n.row($0)) }),
            ]
        }
        let (a, p, n) = (tower.selecting(rows: rows.anchors), tower.selecting(rows: rows.positives), tower.selecting(rows: rows.negatives))
        let alike = scorer.fusion(PairFusion.forward(a, p)).values, unlike = scorer.fusion(PairFusion.forward(a, n)).values
        return Result(dataset: dataset, layout: layout.rawValue, scorer: self.scorer, base: base.name, images: present.count,
                      classes: Set(labels).count, triplets: sampled.count, seed: seed,
                      measures: measures(features, named: "base") + measures(tower, named: "tower")
                          + [Measure(measure: "fused", space: "scorer", accuracy: share { alike[$0] > unlike[$0] })])
    }

    /// The scorer's manifest and weights.
    static func loadScorer(_ name: String, models: ModelLocator) throws(JobError) -> (HeadManifest, SiameseScorer) {
        do { return try HeadStore(modelsDirectory: models.modelsDirectory).loadScorer(name) } catch { throw .head(error) }
    }

    /// `count` seeded triplets of row indices: an anchor, another row of its class, a row of
    /// another class. Anchors come from classes with at least two rows.
    static func sample(_ count: Int, labels: [Int], seed: UInt64, dataset: String) throws(JobError) -> [(anchor: Int, positive: Int, negative: Int)] {
        let byClass = Dictionary(grouping: labels.indices, by: { labels[$0] })
        let anchors = labels.indices.filter { byClass[labels[$0]]!.count >= 2 }
        guard byClass.count >= 2, !anchors.isEmpty else {
            throw .invalidInput("\(dataset) needs two classes and a class with two images for triplets; it has \(byClass.count) class(es) of \(labels.count) image(s)")
        }
        let outside = Dictionary(uniqueKeysWithValues: byClass.keys.map { label in (label, labels.indices.filter { labels[$0] != label }) })
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let anchor = anchors[Int(random.below(UInt64(anchors.count)))]
            let own = byClass[labels[anchor]]!, others = outside[labels[anchor]]!
            // A row of the class other than the anchor: one of the first count − 1, the last standing in for the anchor.
            var positive = own[Int(random.below(UInt64(own.count - 1)))]
            if positive == anchor { positive = own[own.count - 1] }
            return (anchor, positive, others[Int(random.below(UInt64(others.count)))])
        }
    }

    static func squaredDistance(_ x: [Float], _ y: [Float]) -> Double {
        x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in MinkowskiFamily.squaredEuclidean(x, y) } }
    }
}
