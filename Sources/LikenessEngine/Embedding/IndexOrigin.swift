/// How the index of an ``EmbeddingSpace`` came to be.
public enum IndexOrigin: Equatable, Sendable, Codable {
    /// Built from every vector: an exact index, or an approximate one with no usable saved copy.
    case built
    /// The approximate index saved next to the catalog by an earlier run, with `added` vectors of
    /// images embedded since put in.
    case loaded(added: Int)
}
