/// A pair of images with a person's judgement: the same thing or not.
public struct LabelledPair: Sendable, Hashable, Codable {
    public var a: String
    public var b: String
    public var same: Bool

    public init(a: String, b: String, same: Bool) {
        self.a = a
        self.b = b
        self.same = same
    }
}

/// Reads the two CSV shapes `calibrate` takes: `path_a,path_b,label` and `score,label`.
///
/// A header line is allowed; bad rows are returned as "line N: why" and skipped, never fatal.
public enum LabelledPairs {
    /// `same`/`different`, `1`/`0`, `true`/`false`, `yes`/`no`, `duplicate`; nil otherwise.
    public static func label(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "same", "true", "yes", "duplicate": true
        case "0", "different", "false", "no": false
        default: nil
        }
    }

    /// Rows `path_a,path_b,label[,anything]`. Rows with an empty label (not yet labelled, as
    /// `calibrate sample` writes them) are counted separately.
    public static func parsePairs(_ text: String) -> (pairs: [LabelledPair], unlabelled: Int, skipped: [String]) {
        var pairs: [LabelledPair] = [], skipped: [String] = [], unlabelled = 0
        for (number, row) in CSV.rows(text).enumerated() {
            guard row.count >= 3, !row[0].isEmpty, !row[1].isEmpty else {
                if !(row.count == 1 && row[0].isEmpty) { skipped.append("line \(number + 1): expected path_a,path_b,label") }
                continue
            }
            if row[2].isEmpty { unlabelled += 1; continue }
            guard let same = label(row[2]) else {
                // A header such as "path_a,path_b,label" on the first line is not an error.
                if number > 0 { skipped.append("line \(number + 1): unknown label '\(row[2])' (use same/different or 1/0)") }
                continue
            }
            pairs.append(LabelledPair(a: row[0], b: row[1], same: same))
        }
        return (pairs, unlabelled, skipped)
    }

    /// Rows `score,label` (higher score = more alike).
    public static func parseScores(_ text: String) -> (scores: [Double], labels: [Bool], skipped: [String]) {
        var scores: [Double] = [], labels: [Bool] = [], skipped: [String] = []
        for (number, row) in CSV.rows(text).enumerated() {
            guard row.count >= 2, let score = Double(row[0]), score.isFinite, let same = label(row[1]) else {
                if number > 0 || Double(row.first ?? "") != nil { skipped.append("line \(number + 1): expected score,label") }
                continue
            }
            scores.append(score)
            labels.append(same)
        }
        return (scores, labels, skipped)
    }
}
