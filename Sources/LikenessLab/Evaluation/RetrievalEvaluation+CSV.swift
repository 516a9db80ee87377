import LikenessEngine
import Foundation
import LikenessCore

extension RetrievalEvaluation {
    /// The header of ``perQueryCSV(_:)``: `method,query,group`, then `P@k` for each k, `AP@k` for
    /// each k, and `AP` (average precision over the whole ranking).
    public var perQueryColumns: [String] {
        ["method", "query", "group"] + ks.map { "P@\($0)" } + ks.map { "AP@\($0)" } + ["AP"]
    }

    /// One CSV row per (method, query) of `results`, after a header row (RFC 4180: fields holding a
    /// comma, quote or line break are quoted). The query is the image's path (or `file#n` for IDX
    /// images) and the group its class or scene name; the mean of a column over one method's rows is
    /// that method's P@k, mAP@k or mAP.
    public func perQueryCSV(_ results: [Scores]) -> String {
        var lines = [perQueryColumns.joined(separator: ",")]
        for result in results {
            for score in result.perQuery {
                var fields = [result.method, dataset.paths[score.query], dataset.groupNames[dataset.groups[score.query]]].map(CSV.field)
                fields += ks.map { Self.number(score.precision[$0] ?? 0) }
                fields += ks.map { Self.number(score.averagePrecisionAtK[$0] ?? 0) }
                fields.append(Self.number(score.averagePrecision))
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest round-trip decimal form.
    static func number(_ value: Double) -> String {
        "\(value)"
    }
}
