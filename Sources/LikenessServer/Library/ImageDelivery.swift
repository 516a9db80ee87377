import Dispatch
import Foundation
import LikenessCore
import LikenessEngine
import Synchronization

/// Image bytes for the browser: thumbnails (through ``Thumbnails``, kept in a small cache) and
/// full-size files (read through ``ImageSource``, which refuses a file changed since the scan).
public final class ImageDelivery: Sendable {
    /// Encoded bytes and their media type.
    public struct Delivered: Sendable {
        public var bytes: [UInt8]
        public var type: String
    }

    private let thumbnails: Thumbnails?
    private let cache = Mutex<(entries: [String: [UInt8]], order: [String])>(([:], []))
    private let capacity: Int
    /// Decodes at a time, so thumbnails of a long page do not starve the job thread.
    private let slots: DispatchSemaphore

    public init(thumbnailSize: Int = 360, capacity: Int = 2000, concurrent: Int = 2) {
        thumbnails = try? Thumbnails(size: thumbnailSize)
        self.capacity = capacity
        slots = DispatchSemaphore(value: max(1, concurrent))
    }

    /// A JPEG thumbnail of a catalogued image.
    public func thumbnail(_ image: CatalogImage) async throws(APIError) -> Delivered {
        let key = "\(image.id):\(image.fingerprint?.size ?? 0):\(image.fingerprint?.modifiedNanoseconds ?? 0)"
        if let hit = cache.withLock({ $0.entries[key] }) { return Delivered(bytes: hit, type: "image/jpeg") }
        guard let thumbnails else { throw APIError(.internalServerError, .failed, "libvips could not start") }
        let bytes = try await offloaded { () throws(ItemFailure) -> [UInt8] in try thumbnails.jpeg(ImageSource(image)) }
        cache.withLock { cache in
            if cache.entries[key] == nil { cache.order.append(key) }
            cache.entries[key] = bytes
            while cache.order.count > capacity { cache.entries[cache.order.removeFirst()] = nil }
        }
        return Delivered(bytes: bytes, type: "image/jpeg")
    }

    /// The file itself when a browser can show its format, else a full-size JPEG of it.
    public func full(_ image: CatalogImage) async throws(APIError) -> Delivered {
        guard let info = image.info else { throw APIError(.unsupportedMediaType, .unsupportedMediaType, image.failure?.description ?? "not an image") }
        if let type = Self.browserType(info.format) {
            let bytes = try await offloaded { () throws(ItemFailure) -> [UInt8] in try ImageSource(image).bytes() }
            return Delivered(bytes: bytes, type: type)
        }
        guard let thumbnails else { throw APIError(.internalServerError, .failed, "libvips could not start") }
        let bytes = try await offloaded { () throws(ItemFailure) -> [UInt8] in
            try thumbnails.fullSizeJPEG(ImageSource(image), width: info.width, height: info.height)
        }
        return Delivered(bytes: bytes, type: "image/jpeg")
    }

    /// Media types browsers decode themselves.
    static func browserType(_ format: ImageFormat) -> String? {
        switch format {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        case .gif: "image/gif"
        default: nil
        }
    }

    /// Runs blocking file and decode work on a global queue, a few at a time, and maps item
    /// failures to API errors: a file changed since the scan is 409 `stale`, a vanished one 404.
    private func offloaded(_ work: @escaping @Sendable () throws(ItemFailure) -> [UInt8]) async throws(APIError) -> [UInt8] {
        let result: Result<[UInt8], ItemFailure> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { [slots] in
                slots.wait()
                defer { slots.signal() }
                do throws(ItemFailure) { continuation.resume(returning: .success(try work())) } catch { continuation.resume(returning: .failure(error)) }
            }
        }
        switch result {
        case .success(let bytes): return bytes
        case .failure(let failure) where failure.kind == .stale || failure.kind == .changedDuringScan:
            throw APIError(.conflict, .stale, failure.message)
        case .failure(let failure) where failure.kind == .unreadable:
            throw APIError(.notFound, .notFound, failure.message)
        case .failure(let failure):
            throw APIError(.unprocessableContent, .unsupportedMediaType, failure.message)
        }
    }
}
