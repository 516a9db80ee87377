import Foundation
import LikenessCore

/// One catalogued image as the API shows it: its id (the only handle a client uses), where it is,
/// and what the catalog knows of it.
public struct ImageSummary: Codable, Sendable, Equatable {
    public var id: Int64
    public var path: String
    public var name: String
    public var size: Int64?
    public var width: Int?
    public var height: Int?
    public var format: String?
    /// Modification time, seconds since 1970.
    public var modified: Double?
    /// Why the file cannot be used, when it cannot.
    public var failure: String?
    /// SHA-256 of the bytes.
    public var sha256: String?

    public init(_ image: CatalogImage) {
        id = image.id
        path = image.path
        name = (image.path as NSString).lastPathComponent
        size = image.fingerprint?.size
        width = image.info?.width
        height = image.info?.height
        format = image.info?.format.rawValue
        modified = image.fingerprint.map { Double($0.modifiedNanoseconds) / 1e9 }
        failure = image.failure?.description
        sha256 = image.contentHash?.hex
    }
}
