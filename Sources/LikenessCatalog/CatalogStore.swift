import Foundation
import LikenessCore

/// The catalog operations that scanning and embedding need, over any store: the embedded SQLite
/// ``Catalog`` or a shared PostgreSQL catalog (`LikenessPostgres`).
///
/// Every implementation passes one conformance suite (`Tests/LikenessPostgresTests`). What the
/// protocol promises, each store keeps:
/// - paths are absolute and compared byte-wise; a folder scope `/a` holds `/a` and `/a/…`, never `/ab`;
/// - ``record(_:)`` inserts or replaces in one transaction, marks the rows present, and forgets the
///   vectors and signals computed from a file's older content;
/// - gone rows stay (``markGone(_:)``) and are left out of every "present" query;
/// - vectors are float32 and come back bit for bit.
public protocol CatalogStore: Sendable {
    /// Where the catalog lives, for messages: a file path, or a `postgres://` URL without its password.
    var location: String { get }
    /// The database file, next to which approximate indexes are saved; nil for a catalog on a
    /// server, whose indexes are built for each run.
    var filePath: String? { get }

    /// Stored fingerprints of every path at or below the given absolute folders.
    func storedStates(under roots: [String]) throws(CatalogError) -> [String: StoredState]
    /// Inserts or replaces the given entries in one transaction and marks them present.
    func record(_ entries: [CatalogEntry]) throws(CatalogError)
    /// Marks paths as no longer on disk; their rows stay.
    func markGone(_ paths: [String]) throws(CatalogError)

    /// Every row, present or gone, in path order.
    func allImages() throws(CatalogError) -> [CatalogImage]
    /// One row by path, or nil.
    func image(at path: String) throws(CatalogError) -> CatalogImage?
    /// Present, decodable images at or below the given folders (all when nil), in path order.
    func usableImages(under roots: [String]?) throws(CatalogError) -> [CatalogImage]

    /// Present, decodable images under `roots` (all when nil) without a current vector of this model.
    func imagesMissingEmbedding(model: String, fingerprint: String, under roots: [String]?) throws(CatalogError) -> [CatalogImage]
    /// Stores vectors in one transaction, replacing older ones of the same model.
    func storeEmbeddings(_ values: [(imageID: Int64, vector: [Float])], model: String, fingerprint: String) throws(CatalogError)
    /// Current vectors of a model for present images, keyed by image id.
    func embeddings(model: String, fingerprint: String) throws(CatalogError) -> [Int64: [Float]]
    /// How many stored vectors of `model` come from weights other than `fingerprint`.
    func staleEmbeddingCount(model: String, fingerprint: String) throws(CatalogError) -> Int

    /// Stored values of one signal kind at `version` for the given image ids.
    func signals(_ kind: ImageSignalKind, version: Int, for ids: [Int64]) throws(CatalogError) -> [Int64: Data]
    /// Stores signal values in one transaction, replacing older values of the same kind.
    func storeSignals(_ kind: ImageSignalKind, version: Int, _ values: [(imageID: Int64, value: Data)]) throws(CatalogError)
}
