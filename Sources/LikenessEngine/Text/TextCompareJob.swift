import LikenessText

/// `text compare`: two strings by one metric, or by every metric.
public struct TextCompareJob: Job {
    public var a: String
    public var b: String
    /// nil compares by every metric; a Hamming row on unequal lengths then carries its error.
    public var metric: TextMetric?
    /// Shingle length for Jaccard.
    public var shingle: Int

    public init(a: String, b: String, metric: TextMetric? = nil, shingle: Int = 2) {
        self.a = a
        self.b = b
        self.metric = metric
        self.shingle = shingle
    }

    /// One metric's score, or why it does not apply.
    public struct Row: Codable, Sendable, Equatable {
        public var metric: TextMetric
        public var distance: Double?
        public var similarity: Double?
        public var error: String?
    }

    public func run(in context: JobContext) throws(JobError) -> [Row] {
        let (sa, sb) = (ScalarText.scalars(a), ScalarText.scalars(b))
        var rows: [Row] = []
        for metric in metric.map({ [$0] }) ?? TextMetric.allCases {
            let comparer: TextComparer
            do { comparer = try TextComparer(metric: metric, shingle: shingle) } catch { throw .invalidInput(error.description) }
            do {
                let score = try comparer.score(sa, sb)
                rows.append(Row(metric: metric, distance: score.distance, similarity: score.similarity))
            } catch {
                if self.metric != nil { throw .invalidInput(error.description) }
                rows.append(Row(metric: metric, error: error.description))
            }
        }
        return rows
    }
}
