import LikenessEngine
import LikenessAnalysis
import Foundation
import LikenessCore
import LikenessImaging

/// Measures how fast files are read and decoded to a fixed-size RGB buffer.
public struct DecodeBenchmark: Sendable {
    /// The result of one run.
    public struct Result: Sendable, Codable {
        public var files: Int
        public var decoded: Int
        public var failed: Int
        public var workers: Int
        public var width: Int
        public var height: Int
        /// Mean source size in megapixels over decoded files.
        public var meanMegapixels: Double
        public var seconds: Double
        public var imagesPerSecond: Double
    }

    public let workers: Int
    public let size: TargetSize
    private let decoder: ImageDecoder

    public init(workers: Int, size: TargetSize = .squash(width: 224, height: 224)) throws(ImagingError) {
        self.workers = max(1, workers)
        self.size = size
        self.decoder = try ImageDecoder()
    }

    /// Decodes every file once (after one untimed warm-up pass over the first file).
    public func run(_ paths: [String], progress: any ProgressReporter = SilentProgress()) -> Result {
        if let first = paths.first, let bytes = try? ImageSource(path: first).bytes() {
            _ = try? decoder.decode(bytes, to: size)
        }
        let started = Date()
        progress.begin("decode", total: paths.count)
        let outcomes = ParallelWork.map(paths, workers: workers, finished: { progress.advance("decode", completed: $0, total: paths.count) }) {
            path -> Int? in
            guard let bytes = try? ImageSource(path: path).bytes(), let decoded = try? decoder.decode(bytes, to: size, path: path) else { return nil }
            return decoded.info.pixelCount
        }
        progress.end("decode")
        let seconds = Date().timeIntervalSince(started)
        let pixels = outcomes.compactMap { $0 }
        let (w, h) = size.dimensions
        return Result(files: paths.count, decoded: pixels.count, failed: paths.count - pixels.count, workers: workers,
                      width: w, height: h,
                      meanMegapixels: pixels.isEmpty ? 0 : Double(pixels.reduce(0, +)) / Double(pixels.count) / 1e6,
                      seconds: seconds, imagesPerSecond: seconds > 0 ? Double(pixels.count) / seconds : 0)
    }
}
