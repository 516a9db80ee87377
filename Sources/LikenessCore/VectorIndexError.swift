/// Why an index refused a batch of vectors (to add, or to search with).
///
/// `position` is the vector's place in the batch the caller passed. A batch with one bad vector
/// is refused whole: nothing is added.
public enum VectorIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The vector has `actual` values; the index holds `expected`-dimensional vectors.
    case dimensionMismatch(expected: Int, actual: Int, position: Int)
    /// The vector holds NaN or an infinity, which no metric can rank.
    case nonFinite(position: Int)
    /// The library behind the index (FAISS) failed while doing `operation`: its status code and its
    /// own message, so a user sees why (out of memory, a setting it refused) instead of a crash.
    case backend(library: String, operation: String, code: Int32, message: String)
    /// A stop was requested (``CancellationToken``) while vectors were being added; the index is
    /// incomplete and should be dropped.
    case stopped

    public var description: String {
        switch self {
        case .dimensionMismatch(let expected, let actual, let position):
            "vector \(position) has \(actual) values; the index holds \(expected)-dimensional vectors"
        case .nonFinite(let position):
            "vector \(position) holds NaN or an infinity"
        case .backend(let library, let operation, let code, let message):
            "\(library) failed in \(operation) (status \(code)): \(message)"
        case .stopped:
            Cancelled().description
        }
    }

    /// True for ``backend(library:operation:code:message:)``: the library failed, the input was not refused.
    public var isBackend: Bool { if case .backend = self { true } else { false } }

    /// Throws for the first vector of `batch` that is not `dimension` finite values.
    public static func check(_ batch: [[Float]], dimension: Int) throws(VectorIndexError) {
        for (position, vector) in batch.enumerated() {
            guard vector.count == dimension else { throw .dimensionMismatch(expected: dimension, actual: vector.count, position: position) }
            guard vector.allSatisfy(\.isFinite) else { throw .nonFinite(position: position) }
        }
    }
}
