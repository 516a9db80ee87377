import Foundation
import Hummingbird
import LikenessEngine

/// An error the API answers with: an HTTP status, a stable code a script can test, and a message a
/// person can act on. The body is `{"error": {"code": "…", "message": "…"}}`.
public struct APIError: HTTPResponseError, Sendable, Equatable {
    /// The stable codes of the API.
    public enum Code: String, Sendable, Codable, CaseIterable {
        case badRequest = "bad-request"
        case unauthorized
        case crossOrigin = "cross-origin"
        case outsideRoots = "outside-roots"
        case notFound = "not-found"
        case stale
        case conflict
        case payloadTooLarge = "payload-too-large"
        case unsupportedMediaType = "unsupported-media-type"
        case notImplemented = "not-implemented"
        // The cases of JobError, one each.
        case invalidInput = "invalid-input"
        case catalog
        case model
        case file
        case failed
        case cancelled
        case head
        case encoder
    }

    public var status: HTTPResponse.Status
    public var code: Code
    public var message: String

    public init(_ status: HTTPResponse.Status, _ code: Code, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    /// A 404 with code `not-found`, or any other status as `bad-request`.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.init(status, status == .notFound ? .notFound : .badRequest, message)
    }

    /// A path that resolves outside every root.
    public static let outsideRoots = APIError(.forbidden, .outsideRoots, "outside the folders this server serves")

    /// A job that failed, by its typed case: bad input and a head that does not fit are the client's (422), a stopped job is 409,
    /// the rest are the server's (500).
    public init(_ error: JobError) {
        switch error {
        case .invalidInput(let message): self.init(.unprocessableContent, .invalidInput, message)
        case .catalog(let error): self.init(.internalServerError, .catalog, error.description)
        case .model(let message): self.init(.internalServerError, .model, message)
        case .file(let path, let message): self.init(.internalServerError, .file, "\(path): \(message)")
        case .failed(let message): self.init(.internalServerError, .failed, message)
        case .cancelled: self.init(.conflict, .cancelled, error.description)
        case .head(let error): self.init(.unprocessableContent, .head, error.description)
        case .encoder(let error): self.init(.unprocessableContent, .encoder, error.description)
        }
    }

    struct Body: Codable, Sendable {
        struct Detail: Codable, Sendable { var code: Code; var message: String }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.encode(Body(error: .init(code: code, message: message)))
        response.status = status
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"likeness\"" }
        return response
    }
}
