/// An encoder (a model Likeness trained on pixels, `train autoencoder`) that cannot be saved,
/// found, read or used as asked.
public enum EncoderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No encoder of this name; the known ones listed.
    case notFound(name: String, known: [String])
    /// The manifest is from a newer Likeness.
    case unsupportedFormat(path: String, format: Int)
    /// The manifest's architecture and its weights do not fit together.
    case damaged(path: String, message: String)
    /// Storage failed: a name taken or invalid, a file unreadable, unwritable or with another checksum.
    case store(HeadError)
    /// Images of another size or colour than the encoder was trained on.
    case wrongInput(encoder: String, trainedOn: String, given: String)

    public var description: String {
        switch self {
        case .notFound(let name, let known):
            "no encoder named \(name)" + (known.isEmpty ? " (none trained yet; see likeness train autoencoder --help)" : "; known: \(known.joined(separator: ", "))")
        case .unsupportedFormat(let path, let format): "\(path) has encoder format \(format); this Likeness reads \(EncoderManifest.currentFormat)"
        case .damaged(let path, let message): "\(path): \(message)"
        case .store(let error): error.description
        case .wrongInput(let encoder, let trainedOn, let given):
            "encoder \(encoder) was trained on \(trainedOn) images, given \(given); train another with --size and --channels to match"
        }
    }
}
