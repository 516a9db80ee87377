import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import Synchronization

/// The catalog as the pages and the API read it: a SQLite file opened read-only once it exists, or
/// a shared PostgreSQL catalog, then shared.
///
/// Jobs open their own writable catalog through their context; this one only reads, so a page
/// never blocks a scan and never creates an empty catalog file.
public final class CatalogReader: Sendable {
    private let context: JobContext
    private let opened = Mutex<(any CatalogStore)?>(nil)
    let confinement: RootConfinement

    public init(catalogPath: String, confinement: RootConfinement) {
        context = JobContext(catalogPath: catalogPath)
        self.confinement = confinement
    }

    /// False while a catalog file does not exist yet (nothing scanned); always true for a shared
    /// catalog, which a server holds.
    var mayExist: Bool {
        CatalogLocation.isShared(context.catalogPath) || FileManager.default.fileExists(atPath: context.catalogPath)
    }

    /// The catalog, or a 404 that says to scan first when its file does not exist yet.
    public func catalog() throws(APIError) -> any CatalogStore {
        if let catalog = opened.withLock({ $0 }) { return catalog }
        guard mayExist else {
            throw APIError(.notFound, .notFound, "no catalog yet at \(context.catalogPath): start a scan")
        }
        do {
            let catalog = try context.openStore(for: .reading)
            opened.withLock { $0 = catalog }
            return catalog
        } catch {
            switch error {
            case .catalog(.missing):
                // The first scan has created the file but not yet stored anything.
                throw APIError(.notFound, .notFound, "no catalog yet at \(context.catalogPath): start a scan")
            case .catalog(.locked), .catalog(.olderSchema):
                // A job is creating or upgrading it.
                throw APIError(.serviceUnavailable, .catalog, error.description + " (a job is writing it; try again in a moment)")
            default:
                throw APIError(error)
            }
        }
    }

    /// Every usable image whose file really lies inside the roots (symbolic links resolved), in path order.
    public func imagesInsideRoots() throws(APIError) -> [CatalogImage] {
        let catalog = try catalog()
        let all: [CatalogImage]
        do { all = try catalog.allImages() } catch { throw APIError(.catalog(error)) }
        return all.filter { image in
            guard !image.isGone, confinement.roots.contains(where: { $0.contains(image.path) }) else { return false }
            return RootConfinement.realPath(image.path).map(confinement.contains(resolved:)) ?? false
        }
    }

    /// The catalogued image with this id, when it is present and inside the roots.
    ///
    /// - Throws: 404 for an unknown or vanished id, 403 when the file resolves outside the roots.
    public func image(id: Int64) throws(APIError) -> CatalogImage {
        let catalog = try catalog()
        let found: CatalogImage?
        do { found = try catalog.image(id: id) } catch { throw APIError(.catalog(error)) }
        guard let found, !found.isGone else { throw APIError(.notFound, .notFound, "no catalogued image \(id)") }
        _ = try confinement.check(found.path)
        return found
    }

    /// The catalogued images at these paths, by path (paths not catalogued are left out).
    public func images(at paths: [String]) throws(APIError) -> [String: CatalogImage] {
        let catalog = try catalog()
        var found: [String: CatalogImage] = [:]
        for path in Set(paths) {
            do { if let image = try catalog.image(at: path) { found[path] = image } } catch { throw APIError(.catalog(error)) }
        }
        return found
    }
}
