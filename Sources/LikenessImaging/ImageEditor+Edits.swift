internal import CVips
import Foundation
import LikenessCore

extension ImageEditor {
    /// Applies one known edit.
    public func apply(_ edit: ImageEdit, to pixels: PixelBuffer) throws(ImagingError) -> PixelBuffer {
        let (w, h) = (pixels.width, pixels.height)
        switch edit {
        case .shift(let fraction):
            let (dx, dy) = (Int(Double(w) * fraction), Int(Double(h) * fraction))
            return try Self.handle(pixels).apply("embed", path: nil) { lk_shift_mirror($0, Int32(dx), Int32(dy), $1) }.pixelBuffer(path: nil)
        case .crop(let fraction):
            let (cw, ch) = (max(1, Int(Double(w) * fraction)), max(1, Int(Double(h) * fraction)))
            return try Self.handle(pixels).apply("extract_area", path: nil) {
                lk_extract_area($0, Int32((w - cw) / 2), Int32((h - ch) / 2), Int32(cw), Int32(ch), $1)
            }.pixelBuffer(path: nil)
        case .rotate(let degrees):
            return try rotated(pixels, degrees: degrees)
        case .quarterTurn(let turns):
            let q = ((turns % 4) + 4) % 4
            guard q != 0 else { return pixels }
            return try Self.handle(pixels).apply("rot", path: nil) { lk_rot_quarter($0, Int32(q), $1) }.pixelBuffer(path: nil)
        case .flip:
            return try Self.handle(pixels).apply("flip", path: nil) { lk_flip_horizontal($0, $1) }.pixelBuffer(path: nil)
        case .resize(let fraction):
            return try resized(pixels, to: .squash(width: max(1, Int(Double(w) * fraction)), height: max(1, Int(Double(h) * fraction))))
        case .jpeg(let quality):
            return try reencoded(pixels, suffix: ".jpg[Q=\(max(1, min(100, quality)))]")
        case .blur(let sigma):
            let scaled = sigma * Double(w) / 1024
            return try Self.handle(pixels).apply("gaussblur", path: nil) { lk_gaussblur($0, scaled, $1) }.pixelBuffer(path: nil)
        case .exposure(let ev):
            let gain = Float(pow(2, ev))
            return Self.map(pixels) { $0 * gain }
        case .greyscale:
            let luma = pixels.luma()
            return PixelBuffer(width: w, height: h, bytes: luma.flatMap { value -> [UInt8] in
                let v = UInt8(max(0, min(255, value.rounded())))
                return [v, v, v]
            })
        case .contrast(let factor):
            let f = Float(factor)
            return Self.map(pixels) { ($0 - 128) * f + 128 }
        case .overlay:
            var bytes = pixels.bytes
            for y in Int(Double(h) * 0.85)..<h {
                for x in 0..<w {
                    let i = (y * w + x) * 3
                    bytes[i] = 230; bytes[i + 1] = 40; bytes[i + 2] = 40
                }
            }
            return PixelBuffer(width: w, height: h, bytes: bytes)
        case .combination(let edits):
            var current = pixels
            for inner in edits { current = try apply(inner, to: current) }
            return current
        }
    }

    /// Encodes to an in-memory file and decodes it again at full size.
    func reencoded(_ pixels: PixelBuffer, suffix: String) throws(ImagingError) -> PixelBuffer {
        let bytes = try encoded(pixels, suffix: suffix)
        return try ImageDecoder().decode(bytes, to: .fit(width: pixels.width, height: pixels.height)).pixels
    }

    /// The bytes of an image file in the format the suffix names, e.g. ".jpg[Q=80]".
    public func encoded(_ pixels: PixelBuffer, suffix: String) throws(ImagingError) -> [UInt8] {
        let image = try Self.handle(pixels)
        var data: UnsafeMutableRawPointer?
        var length = 0
        guard lk_write_to_buffer(image.pointer, suffix, &data, &length) == 0, let data else {
            throw ImagingError.operationFailed(operation: "write_to_buffer", message: VipsRuntime.takeErrorText(), path: nil)
        }
        defer { lk_g_free(data) }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }

    private static func map(_ pixels: PixelBuffer, _ transform: (Float) -> Float) -> PixelBuffer {
        PixelBuffer(width: pixels.width, height: pixels.height,
                    bytes: pixels.bytes.map { UInt8(max(0, min(255, transform(Float($0)).rounded()))) })
    }
}
