import LikenessCore

/// Why an approximate index could not be made, trained, searched, read or written.
public enum ANNError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A configuration value FAISS cannot use (`name` as written on the command line).
    case invalidParameter(name: String, value: String, reason: String)
    /// A configuration string that does not parse; `valid` lists what would.
    case unknownIndex(String, valid: [String])
    /// The index must be trained before vectors are added (IVF kinds).
    case notTrained
    /// Training needs at least `needed` vectors; `given` were passed.
    case tooFewTrainingVectors(needed: Int, given: Int)
    /// Vectors of another length than the index holds.
    case dimensionMismatch(expected: Int, actual: Int)
    /// FAISS failed: its status code and message, and what was being done (a path, an operation).
    case library(code: Int32, message: String, context: String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let value, let reason): "index parameter \(name)=\(value): \(reason)"
        case .unknownIndex(let text, let valid): "unknown index '\(text)'; valid: \(valid.joined(separator: ", "))"
        case .notTrained: "the index must be trained before vectors are added"
        case .tooFewTrainingVectors(let needed, let given): "training needs at least \(needed) vectors, got \(given)"
        case .dimensionMismatch(let expected, let actual): "vectors have \(actual) values; the index holds \(expected)"
        case .library(let code, let message, let context): "FAISS error \(code) in \(context): \(message)"
        }
    }
}

extension ANNError {
    /// This error as the ``VectorIndex`` contract throws it: FAISS's status code and message (or
    /// this description) kept in ``VectorIndexError/backend(library:operation:code:message:)``.
    var vectorIndexError: VectorIndexError {
        switch self {
        case .library(let code, let message, let context): .backend(library: "FAISS", operation: context, code: code, message: message)
        case .dimensionMismatch(let expected, let actual): .dimensionMismatch(expected: expected, actual: actual, position: 0)
        default: .backend(library: "FAISS", operation: "index", code: -1, message: description)
        }
    }
}
