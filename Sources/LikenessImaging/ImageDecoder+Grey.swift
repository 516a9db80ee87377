import LikenessCore

extension ImageDecoder {
    /// The image's luma at `size`, for methods that read brightness alone (pHashes, local features).
    ///
    /// An image held in memory (not a JPEG) is turned to luma before it is resized (BT.601, as
    /// ``GreyImage`` computes it, rounded to 8 bits), so the resize reads one band instead of
    /// three. A JPEG is decoded with ``DecodeChannels/luma`` (its luma channel alone). Either way
    /// the values agree, to within rounding, with the luma of ``decode(_:to:channels:)``.
    public func grey(_ image: OpenedImage, to size: TargetSize) throws(ImagingError) -> GreyImage {
        try grey(image, to: [size])[0]
    }

    /// The same at several sizes, the luma taken once.
    public func grey(_ image: OpenedImage, to sizes: [TargetSize]) throws(ImagingError) -> [GreyImage] {
        for size in sizes {
            let (w, h) = size.dimensions
            guard w > 0, h > 0 else { throw ImagingError.invalidRequest("target size must be positive, got \(w)×\(h)") }
        }
        guard let upright = image.upright else {
            return try sizes.map { size throws(ImagingError) in
                GreyImage(try decode(image.bytes, to: size, channels: .luma, path: image.path).pixels)
            }
        }
        let luma = try upright.lumaBand(path: image.path)
        return try sizes.map { size throws(ImagingError) in
            try luma.scaledGrey(plan: ResizePlan(source: (image.info.width, image.info.height), target: size), path: image.path)
        }
    }
}
