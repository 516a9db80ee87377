import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessMatching
import LikenessNumerics

/// A visual vocabulary: a k-means codebook over local descriptors, and the tf-idf bag of visual
/// words of an image (Sivic & Zisserman, "Video Google", ICCV 2003; Csurka et al., "Visual
/// categorization with bags of keypoints", 2004).
///
/// The descriptors are the 256-bit oriented BRIEF descriptors of ``LikenessMatching/LocalFeatureExtractor``
/// (the local features `dupes` verifies with), each read as a 256-d vector of 0s and 1s. The
/// codebook is ``LikenessAnalysis/KMeans`` on those vectors: squared Euclidean distance between
/// 0/1 vectors is their Hamming distance, and a centre is the share of its descriptors with each
/// bit set. Each descriptor becomes the word of its nearest centre.
///
/// An image's bag is `tf · idf` per word, L2-normalised (compared by cosine): `tf` the share of
/// the image's descriptors that are this word, `idf = ln(N / df)` over the `N` images the
/// vocabulary was trained on, `df` those that contain the word (a word in no image weighs 0).
/// An image without descriptors has the zero bag.
public struct VisualVocabulary: Sendable {
    /// Codebook size when none is given.
    public static let defaultWords = 256
    /// Largest codebook accepted.
    public static let maximumWords = 4096
    /// Most descriptors the codebook is fitted on; a seeded sample when there are more.
    public static let trainingSample = 50_000
    /// Lloyd iterations of the codebook's single k-means start.
    public static let iterations = 20

    /// The words' centres.
    public let centres: NearestCentres
    /// Inverse document frequency of every word.
    public let inverseDocumentFrequency: [Float]

    /// Number of words.
    public var count: Int { centres.count }

    /// Fits a codebook of `words` words to the descriptors of `images` (nil: an image that failed)
    /// and weighs the words by their document frequency over those images. Returns the vocabulary
    /// and every image's words, so they need not be assigned again.
    ///
    /// - Throws: ``LikenessAnalysis/FitError`` with fewer descriptors than words, or when cancelled.
    public static func train(words: Int, on images: [[BinaryDescriptor]?], seed: UInt64 = 1,
                             cancellation: CancellationToken? = nil) throws(FitError) -> (vocabulary: VisualVocabulary, words: [[Int]?]) {
        var all = images.flatMap { $0 ?? [] }
        if all.count > trainingSample {
            var random = SeededRandom(seed: seed)
            random.shuffle(&all)
            all.removeLast(all.count - trainingSample)
        }
        let points = Matrix(rows: all.count, columns: 256, values: all.flatMap(\.bits))
        let fit = try KMeans(.init(k: words, restarts: 1, iterations: iterations, seed: seed)).fit(points, cancellation: cancellation)
        let centres = NearestCentres(fit.centres)
        let assigned = images.map { $0.map { Self.words(of: $0, centres: centres) } }
        var documents = [Int](repeating: 0, count: centres.count)
        for image in assigned.compactMap({ $0 }) { for word in Set(image) { documents[word] += 1 } }
        let n = Double(assigned.compactMap { $0 }.count)
        let idf = documents.map { $0 > 0 ? Float(log(n / Double($0))) : 0 }
        return (VisualVocabulary(centres: centres, inverseDocumentFrequency: idf), assigned)
    }

    /// The word of every descriptor.
    public func words(of descriptors: [BinaryDescriptor]) -> [Int] { Self.words(of: descriptors, centres: centres) }

    /// The L2-normalised tf-idf histogram of an image's words (``count`` values; zero without words).
    public func bag(ofWords words: [Int]) -> [Float] {
        var bag = [Float](repeating: 0, count: count)
        guard !words.isEmpty else { return bag }
        for word in words { bag[word] += 1 }
        var norm: Float = 0
        for w in 0..<count {
            bag[w] = bag[w] / Float(words.count) * inverseDocumentFrequency[w]
            norm += bag[w] * bag[w]
        }
        guard norm > 0 else { return bag }
        let scale = 1 / norm.squareRoot()
        return bag.map { $0 * scale }
    }

    private static func words(of descriptors: [BinaryDescriptor], centres: NearestCentres) -> [Int] {
        descriptors.map { descriptor in
            let bits = descriptor.bits
            return bits.withUnsafeBufferPointer { centres.nearest(to: $0.baseAddress!, squaredNorm: Float(descriptor.setBits)).centre }
        }
    }
}

extension BinaryDescriptor {
    /// The 256 bits as 0/1 floats, word 0's lowest bit first.
    var bits: [Float] {
        [words.0, words.1, words.2, words.3].flatMap { word in (0..<64).map { Float((word >> UInt64($0)) & 1) } }
    }

    /// Number of set bits (the squared norm of ``bits``).
    var setBits: Int { words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount }
}
