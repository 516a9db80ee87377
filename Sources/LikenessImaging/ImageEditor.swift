internal import CVips
import LikenessCore

/// Known edits applied to pixel buffers through libvips, for robustness tests and benchmarks.
public struct ImageEditor: Sendable {
    public init() throws(ImagingError) {
        try VipsRuntime.ensureStarted()
    }

    /// Rotates counter-clockwise by `degrees` about the centre and keeps the original canvas size;
    /// corners uncovered by the turn are black.
    public func rotated(_ pixels: PixelBuffer, degrees: Double) throws(ImagingError) -> PixelBuffer {
        let turned = try Self.handle(pixels).apply("rotate", path: nil) { lk_rotate($0, degrees, $1) }
        let (left, top) = ((turned.width - pixels.width) / 2, (turned.height - pixels.height) / 2)
        return try turned.apply("extract_area", path: nil) {
            lk_extract_area($0, Int32(left), Int32(top), Int32(pixels.width), Int32(pixels.height), $1)
        }.pixelBuffer(path: nil)
    }

    /// Resamples to a target size with the same kernel the decoder uses (box shrink plus bicubic).
    public func resized(_ pixels: PixelBuffer, to size: TargetSize) throws(ImagingError) -> PixelBuffer {
        try Self.handle(pixels).resized(plan: ResizePlan(source: (pixels.width, pixels.height), target: size), path: nil).pixelBuffer(path: nil)
    }

    /// The luma of `pixels` at `size`, as ``ImageDecoder/grey(_:to:)`` takes it from an image
    /// held in memory: turned to luma, then resized.
    public func grey(_ pixels: PixelBuffer, to size: TargetSize) throws(ImagingError) -> GreyImage {
        try Self.handle(pixels).grey(plan: ResizePlan(source: (pixels.width, pixels.height), target: size), path: nil)
    }

    /// Wraps a pixel buffer as a libvips image.
    static func handle(_ pixels: PixelBuffer) throws(ImagingError) -> VipsImageHandle {
        let image = pixels.bytes.withUnsafeBytes { raw in
            lk_image_from_memory_copy(raw.baseAddress, raw.count, Int32(pixels.width), Int32(pixels.height), 3, 0)
        }
        guard let image else {
            throw ImagingError.operationFailed(operation: "new_from_memory", message: VipsRuntime.takeErrorText(), path: nil)
        }
        return VipsImageHandle(image)
    }
}
