/// How a scan proves that a new or changed file's pixels can be decoded.
public enum PixelCheck: Sendable, Hashable {
    /// Decodes a thumbnail that fits in `edge` × `edge` pixels: a file whose pixels cannot be
    /// decoded is recorded as failed by the scan itself. What `likeness scan` does (edge 64).
    case thumbnail(edge: Int)
    /// Reads the header alone (format, size and the pixel cap), for a job that decodes every new
    /// file straight after the scan and records the files that fail then, as ``EmbeddingIndexer``
    /// does. A PNG (which libvips cannot shrink while loading) is then decompressed once for both,
    /// not once for the scan and again for the job.
    case deferred

    /// The scan's default: a 64-pixel thumbnail.
    public static let standard = PixelCheck.thumbnail(edge: 64)
}
