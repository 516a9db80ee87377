internal import CVips
import LikenessCore

extension VipsImageHandle {
    /// Flattens, converts to sRGB uchar RGB and copies the pixels out.
    func pixelBuffer(path: String?) throws(ImagingError) -> PixelBuffer {
        let rgb = try normalisedRGB(path: path)
        return PixelBuffer(width: rgb.width, height: rgb.height, bytes: try rgb.bytes(bands: 3, path: path))
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

    /// Luma resized as `plan` says: the BT.601 luma of ``normalisedRGB(path:)`` rounded to 8 bits,
    /// then scaled and cropped, so the resize reads one band instead of three.
    func grey(plan: ResizePlan, path: String?) throws(ImagingError) -> GreyImage {
        var image = try normalisedRGB(path: path).apply("luma", path: path) { lk_luma_uchar($0, $1) }
        let (scaledWidth, scaledHeight) = plan.scaled
        if image.width != scaledWidth || image.height != scaledHeight {
            let (hscale, vscale) = (Double(scaledWidth) / Double(image.width), Double(scaledHeight) / Double(image.height))
            image = try image.apply("resize", path: path) { lk_resize($0, hscale, vscale, $1) }
        }
        if let crop = plan.crop(width: image.width, height: image.height) {
            image = try image.apply("extract_area", path: path) {
                lk_extract_area($0, Int32(crop.left), Int32(crop.top), Int32(crop.width), Int32(crop.height), $1)
            }
        }
        return GreyImage(width: image.width, height: image.height, values: try image.bytes(bands: 1, path: path).map(Float.init))
    }

    /// The pixels rendered into memory, checked to be `width × height × bands` bytes.
    private func bytes(bands: Int, path: String?) throws(ImagingError) -> [UInt8] {
        var length = 0
        guard let memory = lk_write_to_memory(pointer, &length) else {
            throw ImagingError.operationFailed(operation: "decode", message: VipsRuntime.takeErrorText(), path: path)
        }
        defer { lk_g_free(memory) }
        let bytes = Array(UnsafeRawBufferPointer(start: memory, count: length))
        guard bytes.count == width * height * bands else {
            throw ImagingError.operationFailed(operation: "decode", message: "got \(bytes.count) bytes for \(width)×\(height)×\(bands)", path: path)
        }
        return bytes
    }
}
