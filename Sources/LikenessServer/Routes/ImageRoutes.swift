import Foundation
import Hummingbird
import LikenessCore

/// `/api/v1/images/{id}`: what the catalog knows of an image, its thumbnail and its file.
///
/// Images are addressed only by catalog id, never by a path from the client; an id whose file
/// resolves outside the roots (through `..` or a symbolic link) is 403, an unknown one 404.
enum ImageRoutes {
    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        let images = router.group("/api/v1/images")
        images.get("/:id") { _, context in
            try JSONResponse.encode(ImageSummary(try services.reader.image(id: try context.parameters.require("id", as: Int64.self))))
        }
        images.get("/:id/thumbnail") { _, context in
            let image = try services.reader.image(id: try context.parameters.require("id", as: Int64.self))
            let delivered = try await services.delivery.thumbnail(image)
            return TextResponse.bytes(delivered.bytes, type: delivered.type, cache: "private, max-age=300")
        }
        images.get("/:id/file") { _, context in
            let image = try services.reader.image(id: try context.parameters.require("id", as: Int64.self))
            let delivered = try await services.delivery.full(image)
            return TextResponse.bytes(delivered.bytes, type: delivered.type, cache: "private, max-age=300")
        }
    }
}
