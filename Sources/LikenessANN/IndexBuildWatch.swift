import LikenessCore

/// What watches a long index build: the vectors added so far are reported as the phase `index`
/// after each chunk, and a stop request is honoured before the next one (an HNSW graph of a
/// million vectors takes tens of minutes, and FAISS cannot be interrupted inside a call).
public struct IndexBuildWatch: Sendable {
    public var progress: any ProgressReporter
    public var cancellation: CancellationToken

    public init(progress: any ProgressReporter, cancellation: CancellationToken) {
        self.progress = progress
        self.cancellation = cancellation
    }

    /// The phase name the build reports under.
    public static let phase = "index"
    /// The phase name a whole-index search (every stored vector as a query) reports under.
    public static let searchPhase = "neighbours"
}
