import Foundation
import LikenessANN
import LikenessCore
import LikenessDigest

/// Approximate indexes kept next to the catalog, so a run finds the graph (or inverted file) the
/// last run built and adds only the images embedded since, instead of building it again.
///
/// Files: `<catalog>.indexes/<key>.faiss` (the FAISS index) and `<key>.json` (a ``Manifest``:
/// which image, at which content, each vector id holds). The key is the SHA-256 of everything the
/// vectors depend on: the model and its weights, the head and its weights, the metric, the index
/// kind with its parameters, and the roots searched.
///
/// An index is a cache: it is used only while every image it holds is still catalogued with the
/// same content; an image edited, deleted or moved out makes the next run build it again (FAISS
/// graphs cannot remove a vector). A crash between writing the two files leaves an index whose
/// count disagrees with its manifest, which is then rebuilt. Writing failures (a read-only folder)
/// are not errors: the next run builds again.
struct PersistedIndex {
    /// What the saved index holds, in vector-id order.
    struct Manifest: Codable, Equatable {
        static let currentFormat = 1
        var format: Int
        /// The text the file name is the hash of, kept to rule out a collision or a renamed file.
        var key: String
        var entries: [Entry]
    }

    /// One stored vector: the catalog image and the content its vector was computed from.
    struct Entry: Codable, Hashable {
        var image: Int64
        var content: String
    }

    let folder: String
    let key: String
    var indexFile: String { folder + "/" + Self.fileName(key) + ".faiss" }
    var manifestFile: String { folder + "/" + Self.fileName(key) + ".json" }

    /// The store for a catalog file; nil for a catalog that is not a file (in memory).
    init?(catalogPath: String, key: String) {
        guard !catalogPath.isEmpty, !catalogPath.hasPrefix(":"), !catalogPath.hasPrefix("file::memory:") else { return nil }
        folder = catalogPath + ".indexes"
        self.key = key
    }

    static func fileName(_ key: String) -> String { String(FastSHA256.hash(Array(key.utf8)).description.prefix(32)) }

    /// The images in index order and their index: the saved one with the new images added, or a
    /// new one of `kind` holding `rows` (one per image, in the order of `images`).
    func open(images: [CatalogImage], rows: [[Float]], dimension: Int, metric: VectorMetric, kind: ApproximateIndexKind,
              watch: IndexBuildWatch? = nil) throws -> (images: [CatalogImage], index: ApproximateVectorIndex, origin: IndexOrigin) {
        let entries = images.map(Self.entry)
        // The index read is held by one variable only, so adding to it does not clone it (FAISS
        // 1.7.3 clones an HNSW index as its base class, which it then cannot write).
        if let manifest = try? loadManifest(),
           var index = try? ApproximateVectorIndex(reading: indexFile, dimension: dimension, metric: metric, kind: kind),
           index.count == manifest.entries.count {
            let position = Dictionary(entries.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let kept = manifest.entries.compactMap { position[$0] }
            if kept.count == manifest.entries.count && Set(kept).count == kept.count {
                let known = Set(kept)
                let added = images.indices.filter { !known.contains($0) }
                try index.add(added.map { rows[$0] }, watch: watch)
                let order = kept + added
                if !added.isEmpty { save(index, entries: order.map { entries[$0] }) }
                return (order.map { images[$0] }, index, .loaded(added: added.count))
            }
        }
        var index = try ApproximateVectorIndex(dimension: dimension, metric: metric, kind: kind)
        try index.add(rows, watch: watch)
        save(index, entries: entries)
        return (images, index, .built)
    }

    static func entry(_ image: CatalogImage) -> Entry {
        Entry(image: image.id, content: image.contentHash?.description ?? "")
    }

    /// The saved manifest, when it reads and is of this format and key.
    private func loadManifest() throws -> Manifest? {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestFile)))
        return manifest.format == Manifest.currentFormat && manifest.key == key ? manifest : nil
    }

    /// Writes the index, then its manifest, each to a temporary file renamed into place; an index
    /// not yet trained (an IVF kind below its training size) is not saved.
    private func save(_ index: ApproximateVectorIndex, entries: [Entry]) {
        guard index.isTrained else { return }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let suffix = ".tmp-\(getpid())"
            try index.write(to: indexFile + suffix)
            guard rename(indexFile + suffix, indexFile) == 0 else { return }
            let data = try JSONEncoder().encode(Manifest(format: Manifest.currentFormat, key: key, entries: entries))
            try data.write(to: URL(fileURLWithPath: manifestFile + suffix))
            _ = rename(manifestFile + suffix, manifestFile)
        } catch {
            try? FileManager.default.removeItem(atPath: indexFile + ".tmp-\(getpid())")
        }
    }
}
