import Foundation
import Hummingbird
import LikenessCore
import LikenessEngine

/// `/api/v1/library`: the roots, their folders and counts, and the images of one folder.
enum LibraryRoutes {
    struct FolderListing: Codable, Sendable {
        var folder: String
        var total: Int
        var offset: Int
        var images: [ImageSummary]
    }

    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        router.get("/api/v1/library") { _, _ in try JSONResponse.encode(try summary(services)) }
        router.get("/api/v1/library/images") { request, _ in
            try JSONResponse.encode(try listing(services, folder: request.uri.queryParameters["folder"].map(String.init),
                                                offset: request.uri.queryParameters.get("offset", as: Int.self) ?? 0,
                                                limit: request.uri.queryParameters.get("limit", as: Int.self) ?? 200))
        }
    }

    /// The library's counts; an empty library before the first scan.
    static func summary(_ services: ServerServices) throws(APIError) -> LibrarySummary {
        let images: [CatalogImage]
        do { images = try services.reader.imagesInsideRoots() } catch where error.code == .notFound { images = [] }
        return LibrarySummary(catalog: CatalogLocation.display(services.configuration.catalogPath), roots: services.configuration.confinement.roots, catalogued: images)
    }

    /// The images directly inside one folder (which must resolve inside a root).
    static func listing(_ services: ServerServices, folder: String?, offset: Int, limit: Int) throws(APIError) -> FolderListing {
        guard let folder else { throw APIError(.badRequest, .badRequest, "give ?folder=PATH (a folder inside the roots)") }
        let real = try services.configuration.confinement.check(folder)
        let inside = try services.reader.imagesInsideRoots().filter { ($0.path as NSString).deletingLastPathComponent == real && $0.failure == nil }
        let start = min(max(0, offset), inside.count)
        return FolderListing(folder: real, total: inside.count, offset: start,
                             images: inside[start..<min(inside.count, start + max(0, min(limit, 1000)))].map(ImageSummary.init))
    }
}
