/// Training data a head cannot learn from.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No rows at all.
    case empty
    /// Every example has one class: there are no negatives.
    case oneClass
    /// A class with fewer than two examples has no positive for its anchor.
    case tooFewExamples(label: Int, count: Int)
    /// A feature row holds NaN or an infinity.
    case notFinite(row: Int)
    /// Rows and labels differ in number.
    case labelCount(rows: Int, labels: Int)
    /// A setting is out of range.
    case invalidConfiguration(String)

    public var description: String {
        switch self {
        case .empty: "no training examples"
        case .oneClass: "every training example has the same class; a similarity needs at least two classes to tell apart"
        case .tooFewExamples(let label, let count):
            "class \(label) has \(count) training example\(count == 1 ? "" : "s"); every class needs at least 2 (an anchor and its positive)"
        case .notFinite(let row): "feature row \(row) holds NaN or an infinity"
        case .labelCount(let rows, let labels): "\(rows) feature rows but \(labels) labels"
        case .invalidConfiguration(let message): message
        }
    }
}
