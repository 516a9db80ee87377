import Foundation
import Hummingbird
import LikenessCore
import LikenessEngine

/// `POST /api/v1/search`: the nearest catalogued images of an image, through the engine's search job.
///
/// The query is a catalogued image (`{"image": ID}` as JSON) or an upload: the raw bytes with an
/// `image/*` type, or a `multipart/form-data` form with the file in the field `image`. Uploads over
/// the cap are 413; an upload that is not an image is 415 with the decoder's reason. Matches outside
/// the roots are left out.
enum SearchRoutes {
    struct ByID: Codable, Sendable {
        var image: Int64
        var k: Int?
        /// A model id of `likeness models list`; the default model when absent.
        var model: String?
    }

    struct Match: Codable, Sendable {
        var image: ImageSummary
        var similarity: Float
    }

    struct Found: Codable, Sendable {
        /// The catalogued query, when the query was one.
        var query: ImageSummary?
        /// The model the images were compared with.
        var model: String
        var matches: [Match]
    }

    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        router.post("/api/v1/search") { request, _ in
            let k = min(100, max(1, request.uri.queryParameters.get("k", as: Int.self) ?? 12))
            let type = request.headers[.contentType] ?? ""
            if type.hasPrefix("application/json") {
                let query = try await JSONResponse.decode(ByID.self, from: request)
                let model = try services.model(query.model ?? request.uri.queryParameters.get("model"))
                let image = try services.reader.image(id: query.image)
                return try JSONResponse.encode(try await search(image.path, k: query.k ?? k, model: model, query: ImageSummary(image), services: services))
            }
            let model = try services.model(request.uri.queryParameters.get("model"))
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: services.configuration.maxUpload) } catch {
                throw APIError(.contentTooLarge, .payloadTooLarge, "uploads are limited to \(services.configuration.maxUpload / 1_048_576) MB")
            }
            var bytes = Array(body.readableBytesView)
            if let boundary = MultipartForm.boundary(in: type) {
                guard let field = MultipartForm.field("image", in: bytes, boundary: boundary) else {
                    throw APIError(.badRequest, .badRequest, "the form has no file in the field `image`")
                }
                bytes = field
            } else if !(type.hasPrefix("image/") || type.hasPrefix("application/octet-stream")) {
                throw APIError(.unsupportedMediaType, .unsupportedMediaType, "send JSON {\"image\": ID}, an image/* body, or a multipart form with `image`")
            }
            guard !bytes.isEmpty else { throw APIError(.badRequest, .badRequest, "the upload is empty") }
            let upload = try Upload(bytes)
            defer { upload.remove() }
            return try JSONResponse.encode(try await search(upload.path, k: k, model: model, query: nil, services: services))
        }
    }

    static func search(_ path: String, k: Int, model: String, query: ImageSummary?, services: ServerServices) async throws(APIError) -> Found {
        let outcome = try await services.runAndWait(.search(queries: [path], k: k, model: model, index: services.configuration.index))
        guard case .search(let result) = outcome, let first = result.queries.first else {
            throw APIError(.internalServerError, .failed, "the search job returned nothing")
        }
        if let error = first.error {
            // An upload's temporary name means nothing to the client.
            throw APIError(.unsupportedMediaType, .unsupportedMediaType, query == nil ? error.replacingOccurrences(of: path, with: "the upload") : error)
        }
        let images = try services.reader.images(at: first.matches.map(\.path))
        let matches = first.matches.compactMap { match -> Match? in
            guard let image = images[match.path], let real = RootConfinement.realPath(image.path),
                  services.configuration.confinement.contains(resolved: real) else { return nil }
            return Match(image: ImageSummary(image), similarity: match.similarity ?? 0)  // the server searches by cosine: always a similarity
        }
        return Found(query: query, model: model, matches: matches)
    }

    /// An uploaded query in a private temporary folder of its own, removed after the search.
    struct Upload {
        let folder: String
        var path: String { folder + "/upload" }

        init(_ bytes: [UInt8]) throws(APIError) {
            folder = NSTemporaryDirectory() + "likeness-upload-" + UUID().uuidString
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/upload"))
            } catch {
                throw APIError(.internalServerError, .file, "cannot keep the upload: \(error.localizedDescription)")
            }
        }

        /// Removes the upload and its folder (created by this server, never a user's file).
        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }
}
