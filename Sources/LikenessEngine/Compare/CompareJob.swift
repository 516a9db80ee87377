import Foundation
import LikenessCore

/// `compare`: how alike two images are by every hash, and whether `dupes` would call them duplicates;
/// with ``metrics``, also the two embeddings' values by those metrics.
public struct CompareJob: Job {
    public var a: String
    public var b: String
    /// The embedding model; nil skips the embedding row (no ONNX Runtime needed).
    public var model: String?
    /// The near-duplicate rule the embedding row is judged by: exactly the one `dupes` uses.
    public var configuration: DuplicateConfiguration
    /// Metrics to measure the two embeddings by, beside the `dupes` rule's cosine (one row each,
    /// before the rule's row). A metric that does not fit real-valued embeddings (Hamming, Jaccard,
    /// χ², EMD) is refused before anything is embedded. Default none.
    public var metrics: [Metric]
    /// A trained pair scorer (`train siamese`) that adds a row: its probability that the two
    /// images are alike, a duplicate at 0.5 or above. Default none.
    public var scorer: String?

    public init(a: String, b: String, model: String? = ModelDefaults.model, configuration: DuplicateConfiguration = DuplicateConfiguration(),
                metrics: [Metric] = [], scorer: String? = nil) {
        self.a = a
        self.b = b
        self.model = model
        self.configuration = configuration
        self.metrics = metrics
        self.scorer = scorer
    }

    /// One method's verdict on the pair.
    public struct Row: Codable, Sendable, Equatable {
        public var method: String
        /// The distance (for a metric row whose metric is a similarity: nil, see ``similarity``).
        public var distance: Double?
        /// For a metric row whose metric is a similarity (cosine, dot, Pearson, Spearman): its value.
        public var similarity: Double?
        /// Hash length for bit hashes; nil for continuous hashes and the embedding.
        public var bits: Int?
        public var normalizedDistance: Double?
        /// The largest distance counted as a duplicate (for the embedding: 1 − the accept cosine);
        /// nil for metric rows, which judge nothing.
        public var threshold: Double?
        public var duplicate: Bool?
        /// For the embedding row: which signal of the `dupes` rule decided, in words.
        public var rule: String?
    }

    public func run(in context: JobContext) throws(JobError) -> [Row] {
        try InputPaths.requireExisting([a, b])
        if !metrics.isEmpty {
            guard let model else { throw .invalidInput("--metric measures the two embeddings; it needs a model (drop --no-embedding)") }
            for metric in metrics {
                do { try metric.requireFit(.real, method: model) } catch { throw .invalidInput(error.description) }
            }
        }
        let computer: HashComputer
        do { computer = try HashComputer(methods: HashMethod.allCases, features: FeatureMethod.allCases) } catch { throw .wrapping(error) }
        let hashed = ParallelHashing.values(of: [ImageSource(path: a), ImageSource(path: b)], computer: computer, workers: 2)
        let (ha, hb): ((bits: [BitHash], features: [FeatureHash]), (bits: [BitHash], features: [FeatureHash]))
        do { (ha, hb) = (try hashed[0].get(), try hashed[1].get()) } catch { throw .invalidInput(error.description) }
        var rows = zip(computer.methods, zip(ha.bits, hb.bits)).map { method, pair in
            let distance = pair.0.hammingDistance(to: pair.1)
            return Row(method: method.rawValue, distance: Double(distance), bits: pair.0.count, normalizedDistance: pair.0.normalizedDistance(to: pair.1),
                       threshold: Double(method.defaultRadius), duplicate: distance <= method.defaultRadius)
        }
        rows += zip(computer.featureMethods, zip(ha.features, hb.features)).map { method, pair in
            let distance = pair.0.distance(to: pair.1)
            return Row(method: method.rawValue, distance: distance, threshold: method.defaultThreshold, duplicate: distance <= method.defaultThreshold)
        }
        if let model { rows += try embeddingRows(model, context: context) }
        if let scorer { rows.append(try scorerRow(scorer, context: context)) }
        return rows
    }

    /// The pair scorer's probability, from its base model's vectors of the two images.
    private func scorerRow(_ name: String, context: JobContext) throws(JobError) -> Row {
        let opened = try context.models.openScorer(name)
        let pair = LabelledPair(a: a, b: b, same: true)
        let scored = try PairScorer(scoring: .scorer(opened), workers: 2).scores([pair], cancellation: context.cancellation)
        guard let probability = scored.scores[0] else {
            throw .invalidInput("\(opened.base.id) produced no usable vector for one of the images: \(scored.skipped.joined(separator: "; "))")
        }
        return Row(method: "scorer:\(name) (probability)", similarity: probability, threshold: 0.5, duplicate: probability >= 0.5,
                   rule: String(format: "probability %.3f %@ 0.5", probability, probability >= 0.5 ? "≥" : "<"))
    }

    /// One row per metric, then 1 − cosine of the two embeddings, judged by the `dupes` rule
    /// (cosine, then pHash over turns and flips, then local features).
    private func embeddingRows(_ id: String, context: JobContext) throws(JobError) -> [Row] {
        let opened = try context.models.open(id)
        var vectors: [[Float]] = []
        do {
            _ = try BatchEmbedder(model: opened.model).embed([ImageSource(path: a), ImageSource(path: b)], input: opened.input) { outcomes in
                for outcome in outcomes { vectors.append(try outcome.result.get()) }
            }
        } catch {
            throw .invalidInput("\(opened.id) produced no usable vector for one of the images: \(error)")
        }
        var rows: [Row] = []
        for metric in metrics {
            let value: Double
            do { value = try metric.measure(vectors[0], vectors[1]) } catch { throw .invalidInput("\(metric.name) on the two embeddings: \(error)") }
            rows.append(Row(method: "\(opened.id) (\(metric.name))", distance: metric.higherIsCloser ? nil : value,
                            similarity: metric.higherIsCloser ? value : nil))
        }
        let cosine = vectors[0].cosineSimilarity(to: vectors[1])
        let confirmer: PairConfirmer
        do { confirmer = try PairConfirmer(configuration: configuration, paths: [a, b], workers: 2) } catch { throw .wrapping(error) }
        let confirmed = confirmer.confirm([(i: 0, j: 1, score: cosine)]).first
        let rule: String
        if cosine >= configuration.acceptCosine {
            rule = String(format: "cosine %.3f ≥ %.2f", cosine, configuration.acceptCosine)
        } else if cosine < configuration.candidateCosine {
            rule = String(format: "cosine %.3f < %.2f: not a candidate", cosine, configuration.candidateCosine)
        } else if let distance = confirmed?.hashDistance, distance <= configuration.hashRadius {
            rule = "pHash \(distance) ≤ \(configuration.hashRadius) bits over turns and flips"
        } else if let inliers = confirmed?.inliers {
            rule = "\(inliers) matching corners ≥ \(configuration.minimumInliers)"
        } else {
            rule = "candidate not confirmed by the pHash over turns or by local features"
        }
        return rows + [Row(method: "\(opened.id) (cosine)", distance: Double(1 - cosine), threshold: Double(1 - configuration.acceptCosine),
                           duplicate: confirmed != nil, rule: rule)]
    }
}
