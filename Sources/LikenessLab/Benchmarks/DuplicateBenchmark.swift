import LikenessEngine
import LikenessAnalysis
import Foundation
import LikenessCore
import LikenessHashing
import LikenessImaging
import LikenessIndex
import LikenessMatching

/// Pair accuracy of near-duplicate rules on photos edited in known ways, plus unedited distractors:
/// pHash alone, the embedding alone (each at its best possible threshold, which flatters them) and
/// the default hybrid rule at its fixed configuration.
public struct DuplicateBenchmark: Sendable {
    /// One rule's accuracy over all pairs.
    public struct Rule: Sendable, Codable {
        public var name: String
        /// The threshold as shown, in the rule's own units ("12/64" pHash bits, "cosine ≥ 0.912",
        /// or "default" for the grouped rules).
        public var threshold: String
        /// Precision, recall and F1 over all pairs. Its threshold is in bits, cosine, or the
        /// grouped rule's accept cosine. Encoded flat (precision, recall, f1).
        public var point: OperatingPoint
        /// Recall per edit, in the order of ``Result/edits``.
        public var recallByEdit: [Double]
        /// Where the false pairs come from: two different photos, a photo and a distractor, two
        /// distractors. Nil for rules at a tuned threshold.
        public var falsePairs: FalsePairs?

        public init(name: String, threshold: String, point: OperatingPoint, recallByEdit: [Double], falsePairs: FalsePairs? = nil) {
            self.name = name
            self.threshold = threshold
            self.point = point
            self.recallByEdit = recallByEdit
            self.falsePairs = falsePairs
        }

        private enum CodingKeys: String, CodingKey { case name, threshold, precision, recall, f1, recallByEdit, falsePairs }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            threshold = try c.decode(String.self, forKey: .threshold)
            point = OperatingPoint(threshold: .nan, precision: try c.decode(Double.self, forKey: .precision),
                                   recall: try c.decode(Double.self, forKey: .recall), f1: try c.decode(Double.self, forKey: .f1))
            recallByEdit = try c.decode([Double].self, forKey: .recallByEdit)
            falsePairs = try c.decodeIfPresent(FalsePairs.self, forKey: .falsePairs)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(threshold, forKey: .threshold)
            try c.encode(point.precision, forKey: .precision)
            try c.encode(point.recall, forKey: .recall)
            try c.encode(point.f1, forKey: .f1)
            try c.encode(recallByEdit, forKey: .recallByEdit)
            try c.encodeIfPresent(falsePairs, forKey: .falsePairs)
        }
    }

    /// False pairs by the kind of their two images.
    public struct FalsePairs: Sendable, Codable, Equatable {
        public var photoPhoto = 0
        public var photoDistractor = 0
        public var distractorDistractor = 0
    }

    public struct Result: Sendable, Codable {
        public var photos: Int
        public var distractors: Int
        public var images: Int
        public var positivePairs: Int
        public var negativePairs: Int
        public var edits: [String]
        public var configuration: DuplicateConfiguration
        public var rules: [Rule]
        /// Held-out tuning of the default rule: chosen on half the photos, measured on the other half.
        public var tuning: Tuning?
        /// How often each keeper chain keeps the unedited original (groups of the default rule, and one to one).
        public var keeper: KeeperAccuracy?
        public var failures: [ItemFailure]
    }

    /// A configuration chosen on the even-numbered photos and measured on the odd-numbered ones.
    public struct Tuning: Sendable, Codable {
        public var chosen: DuplicateConfiguration
        public var tuneF1: Double
        public var heldOutPrecision: Double
        public var heldOutRecall: Double
        public var heldOutF1: Double
        /// The configuration the run used, on the same held-out half.
        public var currentHeldOutF1: Double
        public var configurationsTried: Int
    }

    struct Item: Sendable {
        var source: Int
        /// -1 for an original or a distractor.
        var edit: Int
        var vector: [Float]
        var hashes: [BitHash]
        /// Whether `dupes` confirms with its pHashes (false for an image too small for them).
        var hashable = true
        /// Local features of the image fitted into ``ImageSignals/featureSide``.
        var features: LocalFeatures? = nil
        /// The version as a file, for the keeper (edited photos only).
        var keeper: KeeperCandidate? = nil
        /// For an original: copies that change only its file (a PNG re-encode, a palette PNG, a re-save).
        var fileCopies: [String: KeeperCandidate]? = nil
    }

    public let model: any EmbeddingModel
    public let configuration: DuplicateConfiguration
    public let edits: [ImageEdit]
    public let workingSize: Int

    public init(model: any EmbeddingModel, configuration: DuplicateConfiguration = DuplicateConfiguration(),
                edits: [ImageEdit] = ImageEdit.standardSet, workingSize: Int = 1024) {
        self.model = model
        self.configuration = configuration
        self.edits = edits
        self.workingSize = workingSize
    }

    /// - Parameters:
    ///   - distractors: folders of unrelated images, added unedited.
    ///   - distractorImages: more unedited distractors already in memory (for example Fashion-MNIST).
    ///   - workers: threads that edit and describe one photo's versions while the model embeds.
    ///   - cancellation: checked between photos and batches.
    public func run(photos roots: [String], distractors: [String], distractorImages: [PixelBuffer] = [], input: EmbeddingInput,
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount, progress: any ProgressReporter = SilentProgress(),
                    cancellation: CancellationToken = CancellationToken()) throws -> Result {
        let photoFiles = FileWalker.files(in: roots)
        let distractorFiles = distractors.isEmpty ? [] : FileWalker.files(in: distractors)
        let versions = try VersionMaker(edits: edits, input: input)
        let decoder = try ImageDecoder()
        var items: [Item] = []
        var failures: [ItemFailure] = []
        let all = photoFiles + distractorFiles
        progress.begin("edit+embed", total: all.count)
        for (index, path) in all.enumerated() {
            defer { progress.advance("edit+embed", completed: index + 1, total: all.count) }
            try cancellation.check()
            do {
                let source = ImageSource(path: path)
                let bytes = try source.bytes()
                let format: ImageFormat
                do { format = try decoder.probe(bytes, path: path).format } catch { throw error.itemFailure }
                let original = try source.decode(decoder, to: .fit(width: workingSize, height: workingSize))
                let edited = index < photoFiles.count
                items += try versions.items(of: original, source: index, edited: edited, format: edited ? format : nil, model: model,
                                            workers: workers, cancellation: cancellation)
            } catch let failure as ItemFailure {
                failures.append(failure)
            }
        }
        progress.end("edit+embed")
        // In-memory distractors: one source each, never edited; one decode thread (libvips on many
        // small in-memory images is not safe on several, see FeatureExtraction).
        items += try versions.distractors(distractorImages, firstSource: all.count, model: model, cancellation: cancellation)
        return try evaluate(items, photos: photoFiles.count, distractors: distractorFiles.count + distractorImages.count, failures: failures)
    }

    func evaluate(_ items: [Item], photos: Int, distractors: Int, failures: [ItemFailure]) throws(VectorIndexError) -> Result {
        var index = ExactVectorIndex(dimension: model.dimension, metric: .cosine)
        try index.add(items.map(\.vector))
        let cosines = index.pairs(within: -2)
        var hashHistogram = DistanceHistogram(maximum: 64)
        var cosineHistogram = DistanceHistogram(maximum: 2000) // (1 − cosine) in thousandths
        for pair in cosines {
            let same = items[pair.i].source == items[pair.j].source
            hashHistogram.add(distance: items[pair.i].hashes[0].hammingDistance(to: items[pair.j].hashes[0]), positive: same)
            cosineHistogram.add(distance: Self.bin(pair.score), positive: same)
        }
        let hashBest = hashHistogram.bestF1(), cosineBest = cosineHistogram.bestF1()
        // Candidates as `dupes` finds them, over all items and within each half for the tuning.
        let loosest = min(configuration.candidateCosine, Self.grid(neighbours: configuration.neighbours).map(\.candidateCosine).min()!)
        let candidates = index.neighborPairs(k: configuration.neighbours, within: loosest)
        let halves = try (0..<2).map { half throws(VectorIndexError) in try Self.halfCandidates(items, half: half, k: configuration.neighbours, within: loosest, dimension: model.dimension) }
        let inliers = InlierTable(items, pairs: candidates + halves.joined())
        let positives = Self.positivePairs(items)
        // Recall per edit: is each edited image paired with (or grouped with) its original?
        let originals = Dictionary(uniqueKeysWithValues: items.enumerated().filter { $0.element.edit == -1 }.map { ($0.element.source, $0.offset) })
        func recalls(_ decide: (_ original: Int, _ edited: Int) -> Bool) -> [Double] {
            edits.indices.map { e in
                let edited = items.indices.filter { items[$0].edit == e }
                guard !edited.isEmpty else { return 0 }
                return Double(edited.filter { i in originals[items[i].source].map { decide($0, i) } ?? false }.count) / Double(edited.count)
            }
        }
        func groupedRule(_ name: String, _ rule: DuplicateConfiguration) -> Rule {
            let within = candidates.filter { $0.score >= rule.candidateCosine }
            let groups = Self.groups(items, candidates: within, rule: rule, inliers: inliers)
            var groupOf = [Int?](repeating: nil, count: items.count)
            for (g, members) in groups.enumerated() { for m in members { groupOf[m] = g } }
            return Self.counts(groups, items).rule(name: name, accept: rule.acceptCosine, positives: positives, recallByEdit: recalls { groupOf[$0] != nil && groupOf[$0] == groupOf[$1] },
                                                   falsePairs: Self.falsePairs(groups, items, photos: photos))
        }
        var withoutGeometry = configuration
        withoutGeometry.minimumInliers = 0
        let (hashRadius, cosineBin) = (Int(hashBest.threshold), Int(cosineBest.threshold))
        let cosineThreshold = 1 - Float(cosineBin) / 1000
        let defaultGroups = Self.groups(items, candidates: candidates.filter { $0.score >= configuration.candidateCosine }, rule: configuration, inliers: inliers)
        let keeper = KeeperAccuracy.measure(items, groups: defaultGroups, edits: edits.map(\.description))
        let rules = [
            Rule(name: "phash only (best threshold)", threshold: "\(hashRadius)/64", point: hashBest.rates,
                 recallByEdit: recalls { items[$0].hashes[0].hammingDistance(to: items[$1].hashes[0]) <= hashRadius }),
            Rule(name: "\(model.id) only (best threshold)", threshold: String(format: "cosine ≥ %.3f", cosineThreshold),
                 point: cosineBest.rates.converted { _ in Double(cosineThreshold) },
                 recallByEdit: recalls { Self.bin(items[$0].vector.cosineSimilarity(to: items[$1].vector)) <= cosineBin }),
            groupedRule("embedding + pHash, groups (no local features)", withoutGeometry),
            groupedRule("default dupes (groups)", configuration),
        ]
        return Result(photos: photos, distractors: distractors, images: items.count, positivePairs: positives,
                      negativePairs: cosines.count - positives, edits: edits.map(\.description), configuration: configuration,
                      rules: rules, tuning: tune(items, halves: halves, inliers: inliers), keeper: keeper, failures: failures)
    }

    /// Local-feature geometry of item pairs, computed once, in parallel, for every pair a rule may ask about.
    struct InlierTable {
        private var table: [Int: GeometricMatch] = [:]
        private let count: Int

        init(_ items: [Item], pairs: [CandidatePair], workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
            count = items.count
            let keys = Array(Set(pairs.map { min($0.i, $0.j) * items.count + max($0.i, $0.j) }))
            let verifier = GeometricVerifier()
            let found = ParallelWork.map(keys, workers: workers) { key -> GeometricMatch? in
                guard let a = items[key / items.count].features, let b = items[key % items.count].features else { return nil }
                return verifier.match(a, b)
            }
            for (key, match) in zip(keys, found) { if let match { table[key] = match } }
        }

        func match(_ i: Int, _ j: Int) -> GeometricMatch? { table[min(i, j) * count + max(i, j)] }
        func inliers(_ i: Int, _ j: Int) -> Int { match(i, j)?.inliers ?? 0 }
    }

    /// The candidate pairs among the items of one half (sources of that parity), as item positions.
    static func halfCandidates(_ items: [Item], half: Int, k: Int, within: Float, dimension: Int) throws(VectorIndexError) -> [CandidatePair] {
        let members = items.indices.filter { items[$0].source % 2 == half }
        var index = ExactVectorIndex(dimension: dimension, metric: .cosine)
        try index.add(members.map { items[$0].vector })
        return index.neighborPairs(k: k, within: within).map { (members[$0.i], members[$0.j], $0.score) }
    }

    /// True and false positives among the pairs a rule calls duplicates.
    struct PairCounts {
        var truePositives = 0
        var falsePositives = 0

        mutating func add(said: Bool, same: Bool) {
            guard said else { return }
            if same { truePositives += 1 } else { falsePositives += 1 }
        }

        /// Precision, recall and F1 with the counts, out of `positives` same pairs; the threshold is
        /// the grouped rule's accept cosine when given.
        func scores(positives: Int, accept: Float? = nil) -> OperatingPoint {
            OperatingPoint(threshold: accept.map(Double.init) ?? .nan, truePositives: truePositives, falsePositives: falsePositives, positives: positives)
        }

        func rule(name: String, accept: Float, positives: Int, recallByEdit: [Double], falsePairs: FalsePairs? = nil) -> Rule {
            Rule(name: name, threshold: "default", point: scores(positives: positives, accept: accept), recallByEdit: recallByEdit, falsePairs: falsePairs)
        }
    }

    /// What `likeness dupes` does, on benchmark items: each item's closest candidates, confirmed by
    /// the rule, grouped around centres. Positions are those of `items`.
    static func groups(_ items: [Item], candidates: [CandidatePair], rule: DuplicateConfiguration, inliers: InlierTable) -> [[Int]] {
        let links = candidates.filter { pair in
            let distance = items[pair.i].hashable && items[pair.j].hashable ? ImageSignals.dihedralDistance(items[pair.i].hashes, items[pair.j].hashes) : nil
            guard rule.accepts(cosine: pair.score, hashDistance: { distance }, inliers: { inliers.inliers(pair.i, pair.j) }) else { return false }
            // Copies only: a pair that shows another shot of one scene is not grouped by default
            // (the cosine accepting a pair alone makes it a copy, as in `dupes`).
            guard pair.score < rule.acceptCosine else { return true }
            return DuplicateTier.of(sameContent: false, hashDistance: distance, match: inliers.match(pair.i, pair.j),
                                    hashRadius: rule.hashRadius, minimumInliers: rule.minimumInliers) != .sameScene
        }.map { (i: $0.i, j: $0.j) }
        return StarGrouping.groups(count: items.count, links: links)
    }

    /// Pairs called duplicates by putting them in one group, judged by source.
    static func counts(_ groups: [[Int]], _ items: [Item]) -> PairCounts {
        var counts = PairCounts()
        for group in groups {
            for (n, a) in group.enumerated() { for b in group[(n + 1)...] { counts.add(said: true, same: items[a].source == items[b].source) } }
        }
        return counts
    }

    /// The false pairs of `groups` by kind; sources below `photos` are photos.
    static func falsePairs(_ groups: [[Int]], _ items: [Item], photos: Int) -> FalsePairs {
        var kinds = FalsePairs()
        for group in groups {
            for (n, a) in group.enumerated() {
                for b in group[(n + 1)...] where items[a].source != items[b].source {
                    switch (items[a].source < photos, items[b].source < photos) {
                    case (true, true): kinds.photoPhoto += 1
                    case (false, false): kinds.distractorDistractor += 1
                    default: kinds.photoDistractor += 1
                    }
                }
            }
        }
        return kinds
    }

    static func positivePairs(_ items: [Item]) -> Int {
        Dictionary(grouping: items, by: \.source).values.reduce(0) { $0 + $1.count * ($1.count - 1) / 2 }
    }

    /// The configurations the held-out tuning tries.
    static func grid(neighbours: Int) -> [DuplicateConfiguration] {
        [Float](arrayLiteral: 0.80, 0.85, 0.90, 0.95, 0.98).flatMap { accept in
            [Float](arrayLiteral: 0.30, 0.40, 0.50, 0.60).flatMap { candidate in
                [6, 10, 14].flatMap { radius in
                    [0, 8, 12, 16, 24, 32].map { DuplicateConfiguration(acceptCosine: accept, candidateCosine: candidate, hashRadius: radius,
                                                                        neighbours: neighbours, minimumInliers: $0) }
                }
            }
        }
    }

    /// Grid search of the grouped rule on the even-numbered sources alone; the winner is then run
    /// on the odd-numbered sources alone (distractors are split the same way).
    func tune(_ items: [Item], halves: [[CandidatePair]], inliers: InlierTable) -> Tuning? {
        let grid = Self.grid(neighbours: configuration.neighbours) + [configuration]
        let scored = (0..<2).map { half -> [OperatingPoint] in
            let positives = Self.positivePairs(items.filter { $0.source % 2 == half })
            return grid.map { rule in
                let within = halves[half].filter { $0.score >= rule.candidateCosine }
                return Self.counts(Self.groups(items, candidates: within, rule: rule, inliers: inliers), items).scores(positives: positives)
            }
        }
        guard let best = grid.indices.dropLast().max(by: { scored[0][$0].f1 < scored[0][$1].f1 }) else { return nil }
        let held = scored[1][best]
        return Tuning(chosen: grid[best], tuneF1: scored[0][best].f1, heldOutPrecision: held.precision, heldOutRecall: held.recall,
                      heldOutF1: held.f1, currentHeldOutF1: scored[1][grid.count - 1].f1, configurationsTried: grid.count - 1)
    }

    static func bin(_ cosine: Float) -> Int { max(0, min(2000, Int(((1 - cosine) * 1000).rounded()))) }
}
