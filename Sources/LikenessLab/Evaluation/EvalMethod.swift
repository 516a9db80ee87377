import LikenessEngine
import Foundation
import LikenessCore
import LikenessHashing

/// A way of describing images in `eval` and the linear probe: each turns an image into a feature.
public enum EvalMethod: Sendable, Hashable, CustomStringConvertible {
    /// A deep embedding from the model with this id (cosine).
    case embedding(String)
    /// A perceptual bit hash (Hamming distance; ±1 bits for the probe).
    case hash(HashMethod)
    /// The raw-pixel baseline: a 16×16 grey (BT.601 luma) thumbnail as a 256-d vector (cosine).
    case pixels
    /// An 88-bin HSV/grey histogram, see ``LikenessHashing/ColorHistogram`` (cosine of its Hellinger vector).
    case histogram
    /// The same HSV histogram as unit-mass bins, ranked by its own metric: `histogram:chi2` (χ²) or
    /// `histogram:emd` (EMD over the bins' ground distance in the HSV cone,
    /// ``LikenessHashing/ColorHistogram/earthMovers``), or any metric for histograms. `--metric`
    /// does not change it.
    case comparedHistogram(Metric)
    /// Histograms of oriented gradients (``LikenessHashing/HOG``) of the image squashed to 64 × 64
    /// grey, with its cell size and orientation bins (cosine, or any metric for non-negative vectors).
    case hog(HOG)
    /// A bag of visual words (``VisualVocabulary``): local features quantised against a k-means
    /// codebook of this many words, trained on the evaluated images themselves, as tf-idf
    /// histograms (cosine).
    case bagOfWords(words: Int)
    /// A learned head (``HeadStore``) applied to its base method's features (cosine).
    case head(String)
    /// Vector methods side by side (`efficientnet-lite0+pixels`): each part's vector L2-normalised,
    /// then the parts concatenated, so the cosine of two joined vectors is the mean of the parts'
    /// cosines. Parts are model ids, `pixels`, `histogram` and HOG (see ``joinable``); an image
    /// without every part's feature has none.
    case joined([EvalMethod])

    /// The name used on the command line and in results.
    public var name: String {
        switch self {
        case .embedding(let id): id
        case .hash(let method): method.rawValue
        case .pixels: "pixels"
        case .histogram: "histogram"
        case .comparedHistogram(let metric): "histogram:\(metric.name)"
        case .bagOfWords(let words): words == VisualVocabulary.defaultWords ? "bovw" : "bovw:\(words)"
        case .hog(let hog): hog.cellSize == 16 && hog.bins == 9 ? "hog" : "hog:\(hog.cellSize):\(hog.bins)"
        case .head(let name): name
        case .joined(let parts): parts.map(\.name).joined(separator: "+")
        }
    }

    public var description: String { name }

    /// Every valid name, given the ids of the known models and the names of the trained heads.
    public static func names(models: [String], heads: [String] = []) -> [String] {
        ["pixels", "histogram", "histogram:chi2", "histogram:emd", "hog", "hog:CELL:BINS", "bovw", "bovw:K"] + HashMethod.allCases.map(\.rawValue) + models + heads
            + ["METHOD+METHOD (model ids, pixels, histogram, hog side by side)"]
    }

    /// Parses one name; `models` are the ids of the known models, `heads` the names of the trained
    /// heads (a model id wins over a head of the same name). The error lists every valid name.
    public init(parsing text: String, models: [String], heads: [String] = []) throws(UnknownNameError) {
        let name = text.trimmingCharacters(in: .whitespaces)
        if name == "pixels" {
            self = .pixels
        } else if name == "histogram" {
            self = .histogram
        } else if name.hasPrefix("histogram:") {
            self = .comparedHistogram(try Self.histogramMetric(name))
        } else if name == "bovw" || name.hasPrefix("bovw:") {
            self = .bagOfWords(words: try Self.words(name))
        } else if name == "hog" || name.hasPrefix("hog:") {
            self = .hog(try Self.hog(name))
        } else if let hash = HashMethod(rawValue: name.lowercased()) {
            self = .hash(hash)
        } else if models.contains(name) {
            self = .embedding(name)
        } else if heads.contains(name) {
            self = .head(name)
        } else if name.contains("+") {
            self = .joined(try Self.parts(name, models: models, heads: heads))
        } else {
            throw UnknownNameError(kind: "method", given: name, valid: Self.names(models: models, heads: heads))
        }
    }

    /// The parts of `A+B[+…]`: at least two, each a joinable method (``joinable``), none twice.
    static func parts(_ name: String, models: [String], heads: [String]) throws(UnknownNameError) -> [EvalMethod] {
        let texts = name.split(separator: "+", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let valid = ["METHOD+METHOD[+…]: two or more of " + (models + ["pixels", "histogram", "hog", "hog:CELL:BINS"]).joined(separator: ", ") + ", each once"]
        guard texts.count >= 2, !texts.contains(where: \.isEmpty) else { throw UnknownNameError(kind: "joined method", given: name, valid: valid) }
        var parts: [EvalMethod] = []
        for text in texts {
            let part = try EvalMethod(parsing: text, models: models, heads: heads)
            guard part.joinable, !parts.contains(part) else { throw UnknownNameError(kind: "joined method", given: name, valid: valid) }
            parts.append(part)
        }
        return parts
    }

    /// True for the methods that can be a part of ``joined(_:)``: one vector per image, computed the
    /// same way for every set and compared by cosine (a model's embedding, pixels, the histogram, HOG).
    public var joinable: Bool {
        switch self {
        case .embedding, .pixels, .histogram, .hog: true
        case .hash, .comparedHistogram, .bagOfWords, .head, .joined: false
        }
    }

    /// True for a method whose features are one vector per image computed the same way for every
    /// set: a joinable method or a join of them (what a feature cache can hold).
    public var isFixedVector: Bool {
        if case .joined = self { return true }
        return joinable
    }

    /// `hog`, `hog:CELL` or `hog:CELL:BINS` (defaults 16 and 9); bad numbers are an error naming them.
    static func hog(_ name: String) throws(UnknownNameError) -> HOG {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false).dropFirst().map { Int($0) }
        let valid = ["hog", "hog:CELL", "hog:CELL:BINS (CELL from 2 to 32 pixels of a 64 × 64 image, BINS from 2 to 180)"]
        guard parts.count <= 2, parts.allSatisfy({ $0 != nil }) else { throw UnknownNameError(kind: "HOG method", given: name, valid: valid) }
        do {
            return try HOG(cellSize: parts.first.flatMap { $0 } ?? 16, bins: parts.count > 1 ? parts[1]! : 9)
        } catch {
            throw UnknownNameError(kind: "HOG method", given: "\(name) (\(error.description))", valid: valid)
        }
    }

    /// The metric of `histogram:METRIC`: one that fits histograms with a ground distance (χ², EMD,
    /// Manhattan, …); an unknown or unfit one is an error naming the valid ones.
    static func histogramMetric(_ name: String) throws(UnknownNameError) -> Metric {
        let valid = Metric.fitting(.groundedHistogram).filter { $0 != .cosine }.map { "histogram:\($0.name)" }
        guard let metric = try? Metric(parsing: String(name.dropFirst("histogram:".count))),
              metric != .cosine, metric.fits(.groundedHistogram) else { throw UnknownNameError(kind: "histogram method", given: name, valid: valid) }
        return metric
    }

    /// `bovw` or `bovw:K`: the codebook size K, from 2 to ``VisualVocabulary/maximumWords``.
    static func words(_ name: String) throws(UnknownNameError) -> Int {
        guard name != "bovw" else { return VisualVocabulary.defaultWords }
        guard let k = Int(name.dropFirst("bovw:".count)), (2...VisualVocabulary.maximumWords).contains(k) else {
            throw UnknownNameError(kind: "bag-of-words method", given: name,
                                   valid: ["bovw (\(VisualVocabulary.defaultWords) words)", "bovw:K (K from 2 to \(VisualVocabulary.maximumWords))"])
        }
        return k
    }

    /// Parses a comma-separated list, keeping its order.
    public static func list(_ text: String, models: [String], heads: [String] = []) throws(UnknownNameError) -> [EvalMethod] {
        var methods: [EvalMethod] = []
        for part in text.split(separator: ",") { methods.append(try EvalMethod(parsing: String(part), models: models, heads: heads)) }
        return methods
    }
}
