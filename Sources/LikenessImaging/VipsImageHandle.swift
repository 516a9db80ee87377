internal import CVips

/// Owns one `VipsImage` reference and releases it in `deinit`.
final class VipsImageHandle {
    let pointer: UnsafeMutablePointer<VipsImage>

    init(_ pointer: UnsafeMutablePointer<VipsImage>) {
        self.pointer = pointer
    }

    deinit { lk_unref(pointer) }

    var width: Int { Int(lk_width(pointer)) }
    var height: Int { Int(lk_height(pointer)) }
    var bands: Int { Int(lk_bands(pointer)) }
    var hasAlpha: Bool { lk_has_alpha(pointer) != 0 }
    var orientationSwapsAxes: Bool { lk_orientation_swaps(pointer) != 0 }
    var pages: Int { Int(lk_pages(pointer)) }

    /// Runs a libvips operation that produces a new image, turning failure into a typed error.
    func apply(_ operation: String, path: String?,
               _ body: (UnsafeMutablePointer<VipsImage>, UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32)
        throws(ImagingError) -> VipsImageHandle {
        var out: UnsafeMutablePointer<VipsImage>?
        let status = body(pointer, &out)
        guard status == 0, let out else {
            throw ImagingError.operationFailed(operation: operation, message: VipsRuntime.takeErrorText(), path: path)
        }
        return VipsImageHandle(out)
    }
}
