internal import CVips
import LikenessCore

extension VipsImageHandle {
    /// Flattens, converts to sRGB uchar RGB and copies the pixels out.
    func pixelBuffer(path: String?) throws(ImagingError) -> PixelBuffer {
        let current = try normalisedRGB(path: path)
        var length = 0
        guard let memory = lk_write_to_memory(current.pointer, &length) else {
            throw ImagingError.operationFailed(operation: "decode", message: VipsRuntime.takeErrorText(), path: path)
        }
        defer { lk_g_free(memory) }
        let bytes = Array(UnsafeRawBufferPointer(start: memory, count: length))
        let (width, height) = (current.width, current.height)
        guard bytes.count == width * height * 3 else {
            throw ImagingError.operationFailed(operation: "decode", message: "got \(bytes.count) bytes for \(width)×\(height)×3", path: path)
        }
        return PixelBuffer(width: width, height: height, bytes: bytes)
    }

    /// The image as 8-bit sRGB in three bands: alpha flattened over white, other colour spaces and
    /// depths converted, extra bands dropped.
    func normalisedRGB(path: String?) throws(ImagingError) -> VipsImageHandle {
        var current = self
        if current.hasAlpha {
            current = try current.apply("flatten", path: path) { lk_flatten_white($0, $1) }
        }
        current = try current.apply("colourspace", path: path) { lk_to_srgb($0, $1) }
        current = try current.apply("cast", path: path) { lk_cast_uchar($0, $1) }
        if current.bands > 3 {
            current = try current.apply("extract_band", path: path) { lk_extract_bands($0, 0, 3, $1) }
        }
        guard current.bands == 3 else {
            throw ImagingError.operationFailed(operation: "colourspace", message: "expected 3 bands, got \(current.bands)", path: path)
        }
        return current
    }
}
