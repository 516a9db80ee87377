/// The arithmetic of one resize: the size to scale to, the crop after it, and the JPEG shrink-on-load factor.
struct ResizePlan: Equatable {
    /// Width and height after scaling, before any crop.
    let scaled: (width: Int, height: Int)
    let target: TargetSize

    init(source: (width: Int, height: Int), target: TargetSize) {
        self.target = target
        let (w, h) = target.dimensions
        let (sw, sh) = (Double(max(source.width, 1)), Double(max(source.height, 1)))
        switch target {
        case .squash:
            scaled = (w, h)
        case .fit:
            let scale = min(Double(w) / sw, Double(h) / sh)
            scaled = (max(1, Int((sw * scale).rounded())), max(1, Int((sh * scale).rounded())))
        case .centreCrop:
            let scale = max(Double(w) / sw, Double(h) / sh)
            scaled = (max(w, Int((sw * scale).rounded())), max(h, Int((sh * scale).rounded())))
        }
        let needed = scaled
        let largest = [8, 4, 2].first { factor in
            source.width / factor >= needed.width && source.height / factor >= needed.height
        }
        jpegShrink = largest ?? 1
    }

    /// The largest libjpeg scale-down (1, 2, 4 or 8) that still leaves at least the scaled size.
    let jpegShrink: Int

    /// The centre rectangle to cut from an image of the given size, or nil when no crop is needed.
    func crop(width: Int, height: Int) -> (left: Int, top: Int, width: Int, height: Int)? {
        guard case .centreCrop(let w, let h) = target, width != w || height != h else { return nil }
        return ((width - w) / 2, (height - h) / 2, min(w, width), min(h, height))
    }

    static func == (lhs: ResizePlan, rhs: ResizePlan) -> Bool {
        lhs.scaled == rhs.scaled && lhs.target == rhs.target && lhs.jpegShrink == rhs.jpegShrink
    }
}
