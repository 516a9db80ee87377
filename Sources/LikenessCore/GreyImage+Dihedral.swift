extension GreyImage {
    /// The eight turns and mirror images of the image: 0 = as is, 1–3 = 90°, 180°, 270° clockwise,
    /// 4–7 = the same after a left–right mirror.
    public func dihedral(_ variant: Int) -> GreyImage {
        precondition((0..<8).contains(variant), "variant must be in 0..<8")
        let mirrored = variant >= 4
        let turns = variant % 4
        let (w, h) = (width, height)
        let (outW, outH) = turns % 2 == 0 ? (w, h) : (h, w)
        var out = [Float](repeating: 0, count: values.count)
        for y in 0..<h {
            for x in 0..<w {
                let sx = mirrored ? w - 1 - x : x
                // Where (x, y) lands after `turns` clockwise quarter turns.
                let (tx, ty): (Int, Int)
                switch turns {
                case 1: (tx, ty) = (h - 1 - y, x)
                case 2: (tx, ty) = (w - 1 - x, h - 1 - y)
                case 3: (tx, ty) = (y, w - 1 - x)
                default: (tx, ty) = (x, y)
                }
                out[ty * outW + tx] = values[y * w + sx]
            }
        }
        return GreyImage(width: outW, height: outH, values: out)
    }
}
