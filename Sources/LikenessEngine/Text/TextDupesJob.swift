import LikenessAnalysis
import LikenessCore
import LikenessText

/// `text dupes`: groups of near-duplicate strings in one file. MinHash LSH proposes candidate
/// pairs, the configured metric confirms those with similarity ≥ ``threshold``, and groups form
/// around centres as image duplicates do (``StarGrouping``): every member is a confirmed
/// near-duplicate of its group's centre.
public struct TextDupesJob: Job {
    public var path: String
    public var format: TextFormat
    public var search: TextSearchConfiguration
    /// The least similarity (``TextScore/similarity``, in [0, 1]) a confirmed pair has.
    public var threshold: Double
    /// Also list every confirmed pair in the result.
    public var includePairs: Bool

    public init(path: String, format: TextFormat = .lines, search: TextSearchConfiguration = TextSearchConfiguration(),
                threshold: Double = 0.9, includePairs: Bool = false) {
        self.path = path
        self.format = format
        self.search = search
        self.threshold = threshold
        self.includePairs = includePairs
    }

    public func run(in context: JobContext) throws(JobError) -> TextDupesResult {
        guard threshold.isFinite, (0...1).contains(threshold) else {
            throw .invalidInput("--threshold \(threshold): must be a similarity between 0 and 1")
        }
        let contents = try TextFileReader(format: format).read(path)
        let records = contents.records
        let threshold = threshold
        let found = try TextNeighbourSearch(configuration: search)
            .pairs(records.map { ScalarText.scalars($0.text) }, accept: { $0.similarity >= threshold }, context: context)
        var scores: [UInt64: TextScore] = [:]
        for pair in found.pairs { scores[UInt64(pair.i) << 32 | UInt64(pair.j)] = pair.score }
        let groups = StarGrouping.groups(count: records.count, links: found.pairs.map { (i: $0.i, j: $0.j) }).map { members in
            let centre = members[0]
            return TextGroup(members: members.map { member in
                let score = member == centre ? TextScore(distance: 0, similarity: 1)
                    : scores[UInt64(min(member, centre)) << 32 | UInt64(max(member, centre))]!
                return TextGroupMember(record: records[member], distance: score.distance, similarity: score.similarity)
            })
        }
        return TextDupesResult(
            file: path, format: format.description, metric: search.metric, threshold: threshold, shingle: search.shingle,
            bands: search.bands, rows: search.rows, strings: records.count, skipped: contents.skipped,
            candidates: found.candidates, confirmedPairs: found.pairs.count, groups: groups,
            pairs: includePairs ? found.pairs.map { TextPair(a: records[$0.i], b: records[$0.j], distance: $0.score.distance, similarity: $0.score.similarity) } : nil)
    }
}
