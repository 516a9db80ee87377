/// What a job wants made beside the embeddings, from the decodes that embed new images, so each
/// file is read and decompressed once for all of it (see ``EmbeddingIndexer/fill(under:signals:progress:cancellation:)``).
public struct AlongsideSignals: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The pair-confirmation signals: dihedral pHashes and local features (`dupes`, `leakage`).
    public static let confirmation = AlongsideSignals(rawValue: 1 << 0)
    /// The keeper's quality scores (without BRISQUE, as `dupes` stores them), for images whose
    /// decode holds their pixels at native size (every format but JPEG): measuring them later would
    /// decompress the whole file again, which costs about as much as the measures themselves.
    public static let keeperQuality = AlongsideSignals(rawValue: 1 << 1)
}
