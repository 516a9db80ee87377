import LikenessCore

/// A failure inside the imaging layer, with libvips' own message and the file it concerns.
public enum ImagingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libvips could not start.
    case libraryUnavailable(message: String)
    /// The buffer holds no bytes.
    case empty(path: String?)
    /// No libvips loader recognises the bytes.
    case notAnImage(path: String?)
    /// libvips can read it, but Likeness does not accept the format.
    case unsupportedFormat(loader: String, path: String?)
    /// The declared pixel count exceeds the cap.
    case tooManyPixels(width: Int, height: Int, pages: Int, limit: Int, path: String?)
    /// A libvips operation failed.
    case operationFailed(operation: String, message: String, path: String?)
    /// A request the caller made is invalid (for example a zero target size).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .libraryUnavailable(let message): "libvips failed to start: \(message)"
        case .empty(let path): "\(path ?? "buffer"): file is empty"
        case .notAnImage(let path): "\(path ?? "buffer"): not an image (no decoder recognises these bytes)"
        case .unsupportedFormat(let loader, let path): "\(path ?? "buffer"): unsupported format (\(loader))"
        case .tooManyPixels(let width, let height, let pages, let limit, let path):
            "\(path ?? "buffer"): \(width)×\(height)\(pages > 1 ? "×\(pages) pages" : "") exceeds the cap of \(limit) pixels"
        case .operationFailed(let operation, let message, let path):
            "\(path ?? "buffer"): \(operation) failed: \(message)"
        case .invalidRequest(let message): "invalid request: \(message)"
        }
    }

    /// The per-item failure this error amounts to.
    public var itemFailure: ItemFailure {
        switch self {
        case .empty: ItemFailure(.emptyFile, description)
        case .notAnImage: ItemFailure(.notAnImage, description)
        case .unsupportedFormat: ItemFailure(.unsupportedFormat, description)
        case .tooManyPixels: ItemFailure(.tooManyPixels, description)
        case .operationFailed: ItemFailure(.corruptImage, description)
        case .libraryUnavailable, .invalidRequest: ItemFailure(.unreadable, description)
        }
    }
}
