import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessImaging

/// The degradation benchmark: for each photo and each degraded copy, does the original get the
/// better overall quality score?
///
/// As in pairwise image-quality studies, each photo is a reference and each copy a known
/// degradation of it: blur, heavier JPEG, exposure, contrast, noise, crops. The photo is fitted
/// into ``workingSize`` and saved as its own format (JPEG at quality 95, or PNG); each copy is
/// saved the same way (a JPEG degradation at its own quality), and both files are measured by
/// ``QualityMeasurer`` as `likeness quality` measures files. A tie counts as a miss.
public struct QualityBenchmark: Sendable {
    /// One way of degrading a photo.
    public enum Degradation: Sendable, Hashable, Codable, CustomStringConvertible {
        case edit(ImageEdit)
        /// Seeded Gaussian noise of this sigma (grey levels) added to every channel.
        case noise(sigma: Double)

        public var description: String {
            switch self {
            case .edit(let edit): edit.description
            case .noise(let sigma): "noise σ\(sigma == sigma.rounded() ? String(Int(sigma)) : String(sigma))"
            }
        }

        /// The class it is reported under (blur, jpeg, exposure, contrast, noise, crop).
        public var family: String {
            switch self {
            case .noise: "noise"
            case .edit(.blur): "blur"
            case .edit(.jpeg): "jpeg"
            case .edit(.exposure): "exposure"
            case .edit(.contrast): "contrast"
            case .edit(.crop): "crop"
            case .edit(let other): other.description
            }
        }
    }

    /// The degradations of the seed's benchmark: blur σ 1.5 and 4, JPEG q30 and q10, ±1 EV,
    /// contrast ×1.5 and ×0.6, noise σ 8 and 16, centre crops keeping 75 % and 50 % of each side.
    public static let standardSet: [Degradation] = [
        .edit(.blur(sigma: 1.5)), .edit(.blur(sigma: 4)), .edit(.jpeg(quality: 30)), .edit(.jpeg(quality: 10)),
        .edit(.exposure(ev: 1)), .edit(.exposure(ev: -1)), .edit(.contrast(factor: 1.5)), .edit(.contrast(factor: 0.6)),
        .noise(sigma: 8), .noise(sigma: 16), .edit(.crop(fraction: 0.75)), .edit(.crop(fraction: 0.5)),
    ]

    /// One photo's scores: the original's and each copy's, in ``Result/degradations`` order.
    public struct Photo: Sendable, Codable {
        public var path: String
        public var original: QualityScores
        public var copies: [QualityScores]
    }

    /// The share of pairs where the original scores better, per degradation and per class.
    public struct Result: Sendable, Codable {
        public var photos: Int
        public var degradations: [String]
        /// Share per degradation, in ``degradations`` order.
        public var byDegradation: [Double]
        /// Share per class (blur, jpeg, exposure, contrast, noise, crop).
        public var byClass: [String: Double]
        public var overall: Double
        public var seconds: Double
        /// Every score, for study (JSON only).
        public var scores: [Photo]
        public var failures: [ItemFailure]
    }

    public let degradations: [Degradation]
    public let workingSize: Int

    public init(degradations: [Degradation] = Self.standardSet, workingSize: Int = 1024) {
        self.degradations = degradations
        self.workingSize = workingSize
    }

    public func run(_ paths: [String], workers: Int, progress: any ProgressReporter = SilentProgress(),
                    cancellation: CancellationToken = CancellationToken()) throws -> Result {
        let saver = try VersionFiles(), measurer = try QualityMeasurer(), decoder = try ImageDecoder(), editor = try ImageEditor()
        let degradations = self.degradations, side = workingSize
        let start = Date()
        progress.begin("quality bench", total: paths.count)
        let outcomes = ParallelWork.map(paths, workers: workers, finished: { progress.advance("quality bench", completed: $0, total: paths.count) }) {
            path -> Swift.Result<Photo, ItemFailure> in
            if cancellation.isCancelled { return .failure(ItemFailure(.unreadable, "\(path): cancelled")) }
            do throws(ItemFailure) {
                let bytes = try ImageSource(path: path).bytes()
                do throws(ImagingError) {
                    // The original is saved as the photo's own format: PNG stays PNG, anything else becomes JPEG.
                    let format: ImageFormat = try decoder.probe(bytes, path: path).format == .png ? .png : .jpeg
                    let original = try decoder.decode(bytes, to: .fit(width: side, height: side), path: path).pixels
                    let originalScores = try measurer.scores(of: try saver.bytes(of: original, edit: nil, format: format))
                    var copies: [QualityScores] = []
                    for (n, degradation) in degradations.enumerated() {
                        let file: [UInt8]
                        switch degradation {
                        case .edit(let edit):
                            file = try saver.bytes(of: original, edit: edit, format: format)
                        case .noise(let sigma):
                            let noisy = Self.noisy(original, sigma: sigma, seed: UInt64(n + 1) &* 0x9E37_79B9 &+ UInt64(path.utf8.count))
                            file = try editor.encoded(noisy, suffix: saver.suffix(for: format))
                        }
                        copies.append(try measurer.scores(of: file))
                    }
                    return .success(Photo(path: path, original: originalScores, copies: copies))
                } catch { throw error.itemFailure }
            } catch { return .failure(error) }
        }
        progress.end("quality bench")
        try cancellation.check()
        return summarise(outcomes, seconds: Date().timeIntervalSince(start))
    }

    /// Shares per degradation and class from the measured photos.
    func summarise(_ outcomes: [Swift.Result<Photo, ItemFailure>], seconds: Double) -> Result {
        var photos: [Photo] = [], failures: [ItemFailure] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let photo): photos.append(photo)
            case .failure(let failure): failures.append(failure)
            }
        }
        let wins = degradations.indices.map { d in photos.filter { $0.original.overall > $0.copies[d].overall }.count }
        let share = { (count: Int, of: Int) in of > 0 ? Double(count) / Double(of) : 0 }
        var classes: [String: (won: Int, total: Int)] = [:]
        for (d, degradation) in degradations.enumerated() {
            classes[degradation.family, default: (0, 0)].won += wins[d]
            classes[degradation.family, default: (0, 0)].total += photos.count
        }
        return Result(photos: photos.count, degradations: degradations.map(\.description),
                      byDegradation: wins.map { share($0, photos.count) }, byClass: classes.mapValues { share($0.won, $0.total) },
                      overall: share(wins.reduce(0, +), photos.count * degradations.count), seconds: seconds, scores: photos, failures: failures)
    }

    /// `pixels` with seeded Gaussian noise of `sigma` grey levels added to every channel.
    static func noisy(_ pixels: PixelBuffer, sigma: Double, seed: UInt64) -> PixelBuffer {
        var generator = SeededRandom(seed: seed)
        var bytes = pixels.bytes
        for i in bytes.indices {
            // Box–Muller.
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &generator), v = Double.random(in: 0..<1, using: &generator)
            let gaussian = (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
            bytes[i] = UInt8(max(0, min(255, (Double(bytes[i]) + sigma * gaussian).rounded())))
        }
        return PixelBuffer(width: pixels.width, height: pixels.height, bytes: bytes)
    }
}
