import Foundation
import LikenessCore

/// The catalog operations the jobs need, over any store:
/// the embedded SQLite ``Catalog`` or a shared PostgreSQL catalog (`LikenessPostgres`).
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

    /// A summary of what a search reads, which changes with every write a search could see.
    func contentStamp() throws(CatalogError) -> ContentStamp

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
    /// One row by its id, or nil.
    func image(id: Int64) throws(CatalogError) -> CatalogImage?
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

    /// Present files whose SHA-256 another present file shares, ordered by SHA-256, then path;
    /// ``exactDuplicateGroups(under:)`` groups them.
    func imagesSharingContent() throws(CatalogError) -> [CatalogImage]

    /// Stored bit hashes of one method for present, decodable images, keyed by image id.
    func hashes(_ method: HashMethod) throws(CatalogError) -> [Int64: BitHash]
    /// Stores bit hashes in one transaction, replacing older values of the same method.
    func storeHashes(_ values: [(imageID: Int64, method: HashMethod, hash: BitHash)]) throws(CatalogError)
    /// Stored continuous hashes of one method for present images, keyed by image id; float64 values
    /// come back bit for bit.
    func features(_ method: FeatureMethod) throws(CatalogError) -> [Int64: FeatureHash]
    /// Stores continuous hashes in one transaction, replacing older values of the same method.
    func storeFeatures(_ values: [(imageID: Int64, feature: FeatureHash)]) throws(CatalogError)
    /// Present, decodable images under `roots` (all when nil) with no stored value of `method`, in path order.
    func imagesMissing(_ method: PerceptualMethod, under roots: [String]?) throws(CatalogError) -> [CatalogImage]

    /// Stores "not duplicates" decisions in one transaction, replacing an older decision of the same pair.
    func storeDecisions(_ decisions: [PairDecision]) throws(CatalogError)
    /// Forgets the decisions about these pairs; returns how many there were.
    @discardableResult
    func forgetDistinct(_ pairs: [DistinctPairs.Pair]) throws(CatalogError) -> Int
    /// Every stored decision, oldest first (then by the pair's hashes).
    func decisions() throws(CatalogError) -> [PairDecision]

    /// Stores a clustering (`cluster --save`) and its members' labels (−1: noise) in one
    /// transaction, replacing one saved before under the same name; true when it replaced one.
    @discardableResult
    func saveClustering(_ clustering: SavedClustering, members: [(imageID: Int64, label: Int)]) throws(CatalogError) -> Bool
    /// Every saved clustering, newest first (then by name).
    func clusterings() throws(CatalogError) -> [SavedClustering]
    /// The saved clustering of that name and its members, by label, then path; nil when there is
    /// none. Members whose image has left the catalog are gone with it.
    func clustering(named name: String) throws(CatalogError) -> (SavedClustering, [ClusterMembership])?
    /// Forgets a saved clustering (its images stay); false when there was none of that name.
    @discardableResult
    func deleteClustering(named name: String) throws(CatalogError) -> Bool
}
