import Foundation
import LikenessCore

/// Builds labelled pairs from a folder-per-class layout: positives within a class, negatives
/// across classes, balanced and drawn with a seed so a calibration can be repeated.
public struct ClassPairSampler: Sendable {
    /// Pairs of each kind to draw (fewer when the folders do not hold that many distinct pairs).
    public var pairsPerKind: Int
    public var seed: UInt64

    public init(pairsPerKind: Int = 1000, seed: UInt64 = 1) {
        self.pairsPerKind = max(1, pairsPerKind)
        self.seed = seed
    }

    /// Why no pairs could be drawn.
    public enum SamplerError: Error, Sendable, Equatable, CustomStringConvertible {
        case tooFewClasses(root: String, found: Int)
        case noPositivePairs(root: String)

        public var description: String {
            switch self {
            case .tooFewClasses(let root, let found):
                "\(root): need at least two class folders with images, found \(found)"
            case .noPositivePairs(let root):
                "\(root): every class folder holds a single image, so there are no same-class pairs"
            }
        }
    }

    /// The image files of each class: the first folder level under `root` names the class.
    public static func classes(under root: String) -> [(name: String, files: [String])] {
        let base = URL(fileURLWithPath: root).standardizedFileURL.path
        var byClass: [String: [String]] = [:]
        for file in FileWalker.files(in: [base]) {
            let relative = file.dropFirst(base.count).drop { $0 == "/" }
            guard let slash = relative.firstIndex(of: "/") else { continue } // files directly in root have no class
            byClass[String(relative[..<slash]), default: []].append(file)
        }
        return byClass.keys.sorted().map { ($0, byClass[$0]!.sorted()) }
    }

    /// Balanced positive and negative pairs, no pair twice.
    ///
    /// Positives: a class is chosen with probability proportional to its number of same-class
    /// pairs, then two of its images. Negatives: two images of two different classes, uniformly.
    public func sample(root: String) throws(SamplerError) -> [LabelledPair] {
        let classes = Self.classes(under: root)
        guard classes.count >= 2 else { throw .tooFewClasses(root: root, found: classes.count) }
        let pairCounts = classes.map { $0.files.count * ($0.files.count - 1) / 2 }
        let totalPositive = pairCounts.reduce(0, +)
        guard totalPositive > 0 else { throw .noPositivePairs(root: root) }
        let images = classes.enumerated().flatMap { c, entry in entry.files.map { (c, $0) } }
        let totalNegative = (images.count * (images.count - 1)) / 2 - totalPositive
        var generator = SeededRandom(seed: seed)
        var seen = Set<[String]>()
        var pairs: [LabelledPair] = []

        let positiveTarget = min(pairsPerKind, totalPositive)
        var attempts = 0
        while pairs.count < positiveTarget && attempts < positiveTarget * 50 {
            attempts += 1
            var pick = generator.int(in: 0..<totalPositive)
            var c = 0
            while pick >= pairCounts[c] { pick -= pairCounts[c]; c += 1 }
            let files = classes[c].files
            let i = generator.int(in: 0..<files.count)
            var j = generator.int(in: 0..<(files.count - 1))
            if j >= i { j += 1 }
            if seen.insert([files[min(i, j)], files[max(i, j)]]).inserted { pairs.append(LabelledPair(a: files[i], b: files[j], same: true)) }
        }
        let negativeTarget = min(pairsPerKind, totalNegative)
        var negatives = 0
        attempts = 0
        while negatives < negativeTarget && attempts < negativeTarget * 50 {
            attempts += 1
            let first = images[generator.int(in: 0..<images.count)]
            let second = images[generator.int(in: 0..<images.count)]
            guard first.0 != second.0 else { continue }
            if seen.insert([min(first.1, second.1), max(first.1, second.1)]).inserted {
                pairs.append(LabelledPair(a: first.1, b: second.1, same: false))
                negatives += 1
            }
        }
        return pairs
    }
}
