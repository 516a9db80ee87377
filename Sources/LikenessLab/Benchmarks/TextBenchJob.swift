import Foundation
import LikenessCore
import LikenessEngine
import LikenessText

/// `bench text`: string pairs per second for one metric, on one thread, over a file of
/// tab-separated pairs. `bench/text_speed.py` writes the file, times rapidfuzz on the same pairs
/// in the same run and checks that both sums of scores agree.
public struct TextBenchJob: Job {
    /// A file of `a<TAB>b` lines.
    public var path: String
    public var metric: TextMetric
    /// Passes over the pairs; the best pass is reported.
    public var repeats: Int

    public init(path: String, metric: TextMetric = .levenshtein, repeats: Int = 1) {
        self.path = path
        self.metric = metric
        self.repeats = max(1, repeats)
    }

    /// The best pass.
    public struct Result: Codable, Sendable, Equatable {
        public var metric: TextMetric
        public var pairs: Int
        public var seconds: Double
        public var pairsPerSecond: Double
        /// Sum of the distances (edit distances) or similarities (the others), to check against a peer.
        public var checksum: Double
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        let pairs = try Self.readPairs(path)
        let comparer: TextComparer
        do { comparer = try TextComparer(metric: metric) } catch { throw .invalidInput(error.description) }
        var best: Result?
        for _ in 0..<repeats {
            try context.checkCancellation()
            let started = Date()
            var checksum = 0.0
            // The strings' conversion to scalars is timed, as a peer's call converts its Python strings.
            for (a, b) in pairs {
                guard let score = try? comparer.score(a, b) else { continue }
                checksum += metric.isEditDistance ? score.distance : score.similarity
            }
            let seconds = Date().timeIntervalSince(started)
            let result = Result(metric: metric, pairs: pairs.count, seconds: seconds, pairsPerSecond: Double(pairs.count) / seconds, checksum: checksum)
            if best.map({ result.seconds < $0.seconds }) ?? true { best = result }
        }
        return best!
    }

    /// The pairs of a tab-separated file; a line without a tab is refused.
    static func readPairs(_ path: String) throws(JobError) -> [(Substring, Substring)] {
        try InputPaths.requireExisting([path])
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .file(path: path, message: "cannot read as UTF-8 text: \(error.localizedDescription)")
        }
        var pairs: [(Substring, Substring)] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw .invalidInput("\(path) line \(number + 1): expected two strings separated by a tab") }
            pairs.append((fields[0], fields[1]))
        }
        guard !pairs.isEmpty else { throw .invalidInput("\(path) holds no pairs") }
        return pairs
    }
}
