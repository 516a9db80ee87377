import LikenessCore
import LikenessEmbedding
import LikenessImaging

/// Decodes image bytes to exactly what a model's manifest asks for: its size and how to get there
/// (squash, centre crop or letterbox).
public struct EmbeddingInput: Sendable {
    /// The size and resize rule (a model manifest's input, or an encoder's square side).
    public let geometry: ModelManifest.Input
    private let decoder: ImageDecoder
    private let editor: ImageEditor

    public init(manifest: ModelManifest, decode: DecodeConfiguration = DecodeConfiguration()) throws(ImagingError) {
        try self.init(geometry: manifest.input, decode: decode)
    }

    public init(geometry: ModelManifest.Input, decode: DecodeConfiguration = DecodeConfiguration()) throws(ImagingError) {
        self.geometry = geometry
        self.decoder = try ImageDecoder(configuration: decode)
        self.editor = try ImageEditor()
    }

    /// The pixels for one image, `width × height` of the manifest.
    public func pixels(from bytes: [UInt8], path: String? = nil) throws(ImagingError) -> PixelBuffer {
        try prepared { size throws(ImagingError) in try decoder.decode(bytes, to: size, path: path).pixels }
    }

    /// Opens image bytes once for several decodes: this input's and others (see ``ImageDecoder/open(_:path:)``).
    public func open(_ bytes: [UInt8], path: String? = nil) throws(ImagingError) -> OpenedImage {
        try decoder.open(bytes, path: path)
    }

    /// The same from an image opened once for several uses (see ``open(_:path:)``).
    public func pixels(from image: OpenedImage) throws(ImagingError) -> PixelBuffer {
        try prepared { size throws(ImagingError) in try decoder.decode(image, to: size) }
    }

    /// The manifest's preparation, with `decode` giving the image at a target size.
    private func prepared(_ decode: (TargetSize) throws(ImagingError) -> PixelBuffer) throws(ImagingError) -> PixelBuffer {
        let (w, h) = (geometry.width, geometry.height)
        switch geometry.resize {
        case .squash:
            return try decode(.squash(width: w, height: h))
        case .centreCrop:
            let crop = geometry.crop ?? 1
            guard crop < 1 else { return try decode(.centreCrop(width: w, height: h)) }
            // Cover (w, h) / crop, then keep the centre w × h, as torchvision's Resize(256) + CenterCrop(224).
            let outer = (Int((Double(w) / crop).rounded()), Int((Double(h) / crop).rounded()))
            let covered = try decode(.centreCrop(width: outer.0, height: outer.1))
            return try editor.apply(.crop(fraction: Double(w) / Double(outer.0)), to: covered).fitted(width: w, height: h)
        case .letterbox:
            return try decode(.fit(width: w, height: h)).padded(width: w, height: h)
        }
    }
}

extension EmbeddingInput {
    /// The same preparation for pixels already in memory (benchmarks, edits).
    public func pixels(from image: PixelBuffer) throws(ImagingError) -> PixelBuffer {
        let (w, h) = (geometry.width, geometry.height)
        switch geometry.resize {
        case .squash:
            return try editor.resized(image, to: .squash(width: w, height: h))
        case .centreCrop:
            let crop = geometry.crop ?? 1
            let outer = (Int((Double(w) / crop).rounded()), Int((Double(h) / crop).rounded()))
            let covered = try editor.resized(image, to: .centreCrop(width: outer.0, height: outer.1))
            return crop < 1 ? try editor.apply(.crop(fraction: Double(w) / Double(outer.0)), to: covered).fitted(width: w, height: h) : covered
        case .letterbox:
            return try editor.resized(image, to: .fit(width: w, height: h)).padded(width: w, height: h)
        }
    }
}

extension PixelBuffer {
    /// Centred on a black canvas of the given size (the canvas must be at least as large).
    func padded(width: Int, height: Int) -> PixelBuffer {
        guard (self.width, self.height) != (width, height) else { return self }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let (left, top) = ((width - self.width) / 2, (height - self.height) / 2)
        for y in 0..<self.height {
            let source = y * self.width * 3, target = ((y + top) * width + left) * 3
            out.replaceSubrange(target..<(target + self.width * 3), with: bytes[source..<(source + self.width * 3)])
        }
        return PixelBuffer(width: width, height: height, bytes: out)
    }

    /// Cut or padded to exactly the given size around the centre (absorbs rounding of one pixel).
    func fitted(width: Int, height: Int) -> PixelBuffer {
        guard (self.width, self.height) != (width, height) else { return self }
        let (cw, ch) = (min(self.width, width), min(self.height, height))
        let (left, top) = ((self.width - cw) / 2, (self.height - ch) / 2)
        var cut = [UInt8]()
        cut.reserveCapacity(cw * ch * 3)
        for y in top..<(top + ch) { cut += bytes[((y * self.width + left) * 3)..<((y * self.width + left + cw) * 3)] }
        return PixelBuffer(width: cw, height: ch, bytes: cut).padded(width: width, height: height)
    }
}
