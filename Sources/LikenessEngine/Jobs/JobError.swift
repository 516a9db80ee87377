import LikenessANN
import LikenessCatalog
import LikenessCore
import LikenessEmbedding
import LikenessImaging

/// Why a job as a whole failed. Failures of single items are not job errors: they are counted in
/// the job's result and the job goes on.
public enum JobError: Error, Sendable, CustomStringConvertible {
    /// Input that cannot be what the user meant: a missing path, contradictory settings, an
    /// unknown name. The message says what was wrong and what to do.
    case invalidInput(String)
    /// The catalog could not be opened, read or written.
    case catalog(CatalogError)
    /// The model or its runtime could not be loaded or run.
    case model(String)
    /// A file the job had to read or write failed.
    case file(path: String, message: String)
    /// Anything else, with the underlying message.
    case failed(String)
    /// The job stopped because its cancellation token was cancelled.
    case cancelled
    /// A trained head that cannot be found, read or applied (the wrong base model or dimension).
    case head(HeadError)
    /// An encoder trained on pixels that cannot be found, read or used on these images.
    case encoder(EncoderError)

    public var description: String {
        switch self {
        case .invalidInput(let message): message
        case .catalog(let error): error.description
        case .model(let message): message
        case .file(let path, let message): "\(path): \(message)"
        case .failed(let message): message
        case .cancelled: Cancelled().description
        case .head(let error): error.description
        case .encoder(let error): error.description
        }
    }

    /// True for ``cancelled``.
    public var isCancellation: Bool { if case .cancelled = self { true } else { false } }

    /// Wraps an error thrown by a capability module in the matching case.
    public static func wrapping(_ error: any Error) -> JobError {
        switch error {
        case let error as JobError: error
        case let error as CatalogError: .catalog(error)
        case let error as HeadError: .head(error)
        case let error as EncoderError: .encoder(error)
        case let error as EmbeddingError: .model(error.description)
        case let error as UnknownNameError: .invalidInput(error.description)
        case let error as VectorIndexError:
            error == .stopped ? .cancelled : error.isBackend ? .failed(error.description) : .invalidInput(error.description)
        case let error as ANNError: .invalidInput(error.description)
        case let error as MetricError: if case .index = error { .failed(error.description) } else { .invalidInput(error.description) }
        case is Cancelled: .cancelled
        case let error as CustomStringConvertible: .failed(error.description)
        default: .failed("\(error)")
        }
    }
}
