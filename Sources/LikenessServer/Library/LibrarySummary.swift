import Foundation
import LikenessCore

/// The library page's numbers: each root, the folders below it that hold images, and their counts.
public struct LibrarySummary: Codable, Sendable {
    public struct Folder: Codable, Sendable, Equatable {
        /// The folder's resolved path.
        public var path: String
        /// Images catalogued directly in it that decode.
        public var images: Int
        /// Files in it that could not be used, by their typed reason.
        public var failed: Int
        /// Bytes of its usable images.
        public var bytes: Int64
    }

    public struct Root: Codable, Sendable {
        public var path: String
        public var images: Int
        public var failed: Int
        public var bytes: Int64
        public var folders: [Folder]
    }

    public var catalog: String
    public var roots: [Root]
    public var images: Int { roots.reduce(0) { $0 + $1.images } }

    /// Counts the images of `catalogued` (already confined to the roots) per folder and per root.
    public init(catalog: String, roots: [FolderScope], catalogued: [CatalogImage]) {
        self.catalog = catalog
        var byFolder: [String: Folder] = [:]
        for image in catalogued {
            let folder = (image.path as NSString).deletingLastPathComponent
            var entry = byFolder[folder] ?? Folder(path: folder, images: 0, failed: 0, bytes: 0)
            if image.failure == nil && image.info != nil {
                entry.images += 1
                entry.bytes += image.fingerprint?.size ?? 0
            } else {
                entry.failed += 1
            }
            byFolder[folder] = entry
        }
        self.roots = roots.map { root in
            let folders = byFolder.values.filter { root.contains($0.path) }.sorted { $0.path < $1.path }
            return Root(path: root.path, images: folders.reduce(0) { $0 + $1.images }, failed: folders.reduce(0) { $0 + $1.failed },
                        bytes: folders.reduce(0) { $0 + $1.bytes }, folders: folders)
        }
    }
}
