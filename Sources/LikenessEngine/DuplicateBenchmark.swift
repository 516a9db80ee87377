import Foundation
import LikenessCore
import LikenessHashing
import LikenessImaging
import LikenessIndex

/// Pair accuracy of near-duplicate rules on photos edited in known ways, plus unedited distractors:
/// pHash alone, the embedding alone (each at its best possible threshold, which flatters them) and
/// the default hybrid rule at its fixed configuration.
public struct DuplicateBenchmark: Sendable {
    public struct Rule: Sendable, Codable {
        public var name: String
        /// The threshold used, in the rule's own units (pHash bits, cosine, or "default").
        public var threshold: String
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Recall per edit, in the order of ``Result/edits``.
        public var recallByEdit: [Double]
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
    public func run(photos roots: [String], distractors: [String], distractorImages: [PixelBuffer] = [], input: EmbeddingInput,
                    progress: any ProgressReporter = SilentProgress()) throws -> Result {
        let photoFiles = FileWalker.files(in: roots)
        let distractorFiles = distractors.isEmpty ? [] : FileWalker.files(in: distractors)
        let decoder = try ImageDecoder(), editor = try ImageEditor(), phash = try PerceptualHash()
        var items: [Item] = []
        var failures: [ItemFailure] = []
        let all = photoFiles + distractorFiles
        progress.begin("edit+embed", total: all.count)
        for (index, path) in all.enumerated() {
            defer { progress.advance("edit+embed", completed: index + 1, total: all.count) }
            do {
                guard let data = FileManager.default.contents(atPath: path) else { throw ItemFailure(.unreadable, "\(path): cannot be read") }
                let original = try decoder.decode(Array(data), to: .fit(width: workingSize, height: workingSize), path: path).pixels
                var versions = [(edit: -1, pixels: original)]
                if index < photoFiles.count { versions += try edits.enumerated().map { ($0.offset, try editor.apply($0.element, to: original)) } }
                let prepared = try versions.map { version in
                    (version.edit, try prepare(version.pixels, input: input, editor: editor), try editor.resized(version.pixels, to: .squash(width: 32, height: 32)))
                }
                let vectors = try model.embed(prepared.map(\.1))
                for ((edit, _, small), vector) in zip(prepared, vectors) {
                    items.append(Item(source: index, edit: edit, vector: try vector.get(), hashes: (0..<8).map { phash.hash(small.dihedral($0)) }))
                }
            } catch let error as ItemFailure {
                failures.append(error)
            } catch let error as ImagingError {
                failures.append(error.itemFailure)
            }
        }
        progress.end("edit+embed")
        // In-memory distractors: one source each, never edited, embedded in batches.
        for start in stride(from: 0, to: distractorImages.count, by: 64) {
            let batch = Array(distractorImages[start..<min(start + 64, distractorImages.count)])
            let prepared = try batch.map { try input.pixels(from: $0) }
            let vectors = try model.embed(prepared)
            for (offset, (image, vector)) in zip(batch, vectors).enumerated() {
                guard case .success(let v) = vector else { continue }
                let small = try editor.resized(image, to: .squash(width: 32, height: 32))
                items.append(Item(source: all.count + start + offset, edit: -1, vector: v, hashes: (0..<8).map { phash.hash(small.dihedral($0)) }))
            }
        }
        return evaluate(items, photos: photoFiles.count, distractors: distractorFiles.count + distractorImages.count, failures: failures)
    }

    private func prepare(_ pixels: PixelBuffer, input: EmbeddingInput, editor: ImageEditor) throws -> PixelBuffer {
        try input.pixels(from: pixels)
    }

    func evaluate(_ items: [Item], photos: Int, distractors: Int, failures: [ItemFailure]) -> Result {
        var index = ExactVectorIndex(dimension: model.dimension, metric: .cosine)
        index.add(items.map(\.vector))
        let cosines = index.pairs(within: -2)
        var hashHistogram = DistanceHistogram(maximum: 64)
        var cosineHistogram = DistanceHistogram(maximum: 2000) // (1 − cosine) in thousandths
        var hybrid = (tp: 0, fp: 0)
        var positives = 0
        for pair in cosines {
            let (a, b) = (items[pair.i], items[pair.j])
            let same = a.source == b.source
            if same { positives += 1 }
            hashHistogram.add(distance: a.hashes[0].hammingDistance(to: b.hashes[0]), positive: same)
            cosineHistogram.add(distance: Self.bin(pair.score), positive: same)
            if hybridSays(pair.score, a, b) { if same { hybrid.tp += 1 } else { hybrid.fp += 1 } }
        }
        let hashBest = hashHistogram.bestF1(), cosineBest = cosineHistogram.bestF1()
        // Recall per edit: (original, edited) pairs of the same photo.
        let originals = Dictionary(uniqueKeysWithValues: items.enumerated().filter { $0.element.edit == -1 }.map { ($0.element.source, $0.offset) })
        func recalls(_ decide: (Item, Item, Float) -> Bool) -> [Double] {
            edits.indices.map { e in
                let edited = items.enumerated().filter { $0.element.edit == e }
                guard !edited.isEmpty else { return 0 }
                let hits = edited.filter { element in
                    guard let o = originals[element.element.source] else { return false }
                    let original = items[o]
                    return decide(original, element.element, original.vector.cosineSimilarity(to: element.element.vector))
                }.count
                return Double(hits) / Double(edited.count)
            }
        }
        let hybridPrecision = hybrid.tp + hybrid.fp > 0 ? Double(hybrid.tp) / Double(hybrid.tp + hybrid.fp) : 1
        let hybridRecall = positives > 0 ? Double(hybrid.tp) / Double(positives) : 0
        let hybridF1 = hybridPrecision + hybridRecall > 0 ? 2 * hybridPrecision * hybridRecall / (hybridPrecision + hybridRecall) : 0
        let cosineThreshold = 1 - Float(cosineBest.threshold) / 1000
        let rules = [
            Rule(name: "phash only (best threshold)", threshold: "\(hashBest.threshold)/64", precision: hashBest.precision,
                 recall: hashBest.recall, f1: hashBest.f1,
                 recallByEdit: recalls { a, b, _ in a.hashes[0].hammingDistance(to: b.hashes[0]) <= hashBest.threshold }),
            Rule(name: "\(model.id) only (best threshold)", threshold: String(format: "cosine ≥ %.3f", cosineThreshold),
                 precision: cosineBest.precision, recall: cosineBest.recall, f1: cosineBest.f1,
                 recallByEdit: recalls { _, _, cosine in Self.bin(cosine) <= cosineBest.threshold }),
            Rule(name: "default dupes (embedding + pHash over turns)", threshold: "default", precision: hybridPrecision,
                 recall: hybridRecall, f1: hybridF1, recallByEdit: recalls { a, b, cosine in hybridSays(cosine, a, b) }),
        ]
        return Result(photos: photos, distractors: distractors, images: items.count, positivePairs: positives,
                      negativePairs: cosines.count - positives, edits: edits.map(\.description), configuration: configuration,
                      rules: rules, tuning: tune(items, cosines), failures: failures)
    }

    /// Grid search of the hybrid rule on pairs within the even-numbered sources; the winner is
    /// measured on pairs within the odd-numbered sources (distractors are split the same way).
    func tune(_ items: [Item], _ cosines: [(i: Int, j: Int, score: Float)]) -> Tuning? {
        let grid = [Float](arrayLiteral: 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95).flatMap { accept in
            [Float](arrayLiteral: 0.30, 0.40, 0.50, 0.55, 0.60, 0.65, 0.70).filter { $0 <= accept }.flatMap { candidate in
                [6, 10, 14, 18, 22].map { DuplicateConfiguration(acceptCosine: accept, candidateCosine: candidate, hashRadius: $0) }
            }
        } + [configuration]
        var counts = [[(tp: Int, fp: Int, positives: Int)]](repeating: Array(repeating: (0, 0, 0), count: grid.count), count: 2)
        for pair in cosines {
            let (a, b) = (items[pair.i], items[pair.j])
            let half = a.source % 2
            guard half == b.source % 2 else { continue }
            let same = a.source == b.source
            let distance = a.hashes.map { $0.hammingDistance(to: b.hashes[0]) }.min()!
            for (c, rule) in grid.enumerated() {
                if same { counts[half][c].positives += 1 }
                let says = pair.score >= rule.acceptCosine || (pair.score >= rule.candidateCosine && distance <= rule.hashRadius)
                if says { if same { counts[half][c].tp += 1 } else { counts[half][c].fp += 1 } }
            }
        }
        func scores(_ c: (tp: Int, fp: Int, positives: Int)) -> (p: Double, r: Double, f1: Double) {
            let p = c.tp + c.fp > 0 ? Double(c.tp) / Double(c.tp + c.fp) : 1
            let r = c.positives > 0 ? Double(c.tp) / Double(c.positives) : 0
            return (p, r, p + r > 0 ? 2 * p * r / (p + r) : 0)
        }
        guard let best = grid.indices.max(by: { scores(counts[0][$0]).f1 < scores(counts[0][$1]).f1 }) else { return nil }
        let held = scores(counts[1][best])
        return Tuning(chosen: grid[best], tuneF1: scores(counts[0][best]).f1, heldOutPrecision: held.p, heldOutRecall: held.r,
                      heldOutF1: held.f1, currentHeldOutF1: scores(counts[1][grid.count - 1]).f1, configurationsTried: grid.count - 1)
    }

    private func hybridSays(_ cosine: Float, _ a: Item, _ b: Item) -> Bool {
        if cosine >= configuration.acceptCosine { return true }
        guard cosine >= configuration.candidateCosine else { return false }
        return a.hashes.map { $0.hammingDistance(to: b.hashes[0]) }.min()! <= configuration.hashRadius
    }

    static func bin(_ cosine: Float) -> Int { max(0, min(2000, Int(((1 - cosine) * 1000).rounded()))) }
}
