internal import CVips
import LikenessCore

/// Writes pixel buffers to image files; used to make fixtures and edited copies.
public struct ImageEncoder: Sendable {
    public init() throws(ImagingError) {
        try VipsRuntime.ensureStarted()
    }

    /// Saves `pixels` to `path`; the suffix picks the format and may carry options, e.g. `photo.jpg[Q=90]`.
    public func write(_ pixels: PixelBuffer, to path: String) throws(ImagingError) {
        let image = pixels.bytes.withUnsafeBytes { raw in
            lk_image_from_memory_copy(raw.baseAddress, raw.count, Int32(pixels.width), Int32(pixels.height), 3)
        }
        guard let image else {
            throw ImagingError.operationFailed(operation: "new_from_memory", message: VipsRuntime.takeErrorText(), path: path)
        }
        let handle = VipsImageHandle(image)
        guard lk_write_to_file(handle.pointer, path) == 0 else {
            throw ImagingError.operationFailed(operation: "write", message: VipsRuntime.takeErrorText(), path: path)
        }
    }
}
