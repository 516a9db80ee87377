internal import CVips
import LikenessCore

extension VipsImageHandle {
    /// Luma resized as `plan` says: the image's BT.601 luma rounded to 8 bits (``lumaBand(path:)``),
    /// then scaled and cropped, so the resize reads one band instead of three.
    func grey(plan: ResizePlan, path: String?) throws(ImagingError) -> GreyImage {
        try lumaBand(path: path).scaledGrey(plan: plan, path: path)
    }

    /// This one-band image (a ``lumaBand(path:)``) scaled and cropped as `plan` says, as luma values.
    func scaledGrey(plan: ResizePlan, path: String?) throws(ImagingError) -> GreyImage {
        let image = try resized(plan: plan, path: path)
        var length = 0
        guard let memory = lk_write_to_memory(image.pointer, &length) else {
            throw ImagingError.operationFailed(operation: "decode", message: VipsRuntime.takeErrorText(), path: path)
        }
        defer { lk_g_free(memory) }
        guard length == image.width * image.height else {
            throw ImagingError.operationFailed(operation: "decode", message: "got \(length) bytes for \(image.width)×\(image.height)×1", path: path)
        }
        let bytes = UnsafeRawBufferPointer(start: memory, count: length)
        return GreyImage(width: image.width, height: image.height, values: bytes.map(Float.init))
    }

    /// The image's luma as one 8-bit band in memory: BT.601 weights (as ``GreyImage`` uses) in
    /// 16-bit fixed point, rounded (``LumaKernel``). An 8-bit grey image is its own luma; an 8-bit
    /// sRGB image is read where it lies; anything else (alpha, 16 bits, CMYK…) is first made 8-bit
    /// sRGB as ``pixelBuffer(path:)`` makes it.
    func lumaBand(path: String?) throws(ImagingError) -> VipsImageHandle {
        let isUchar = lk_band_format(pointer) == lk_format_uchar()
        if bands == 1, isUchar, lk_interpretation(pointer) == lk_interpretation_bw() { return self }
        let rgb = bands == 3 && isUchar && lk_interpretation(pointer) == lk_interpretation_srgb() ? self : try normalisedRGB(path: path)
        let (width, height) = (rgb.width, rgb.height)
        guard let luma = lk_image_new_uchar(Int32(width), Int32(height), 1, lk_interpretation_bw()) else {
            throw ImagingError.operationFailed(operation: "luma", message: VipsRuntime.takeErrorText(), path: path)
        }
        let result = VipsImageHandle(luma)
        // `rgb` owns the pixels read: it must outlive the kernel.
        try withExtendedLifetime(rgb) { () throws(ImagingError) in
            guard let source = lk_image_rendered_pixels(rgb.pointer) else {
                throw ImagingError.operationFailed(operation: "luma", message: VipsRuntime.takeErrorText(), path: path)
            }
            LumaKernel.best.luma(source, into: lk_image_pixels(luma), count: width * height)
        }
        return result
    }
}
