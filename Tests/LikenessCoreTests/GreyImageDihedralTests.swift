import LikenessCore
import Testing

/// `GreyImage.dihedral`: the eight turns and mirror images, checked pixel by pixel on a small grid.
@Suite struct GreyImageDihedralTests {
    /// 3 wide, 2 high:
    ///     0 1 2
    ///     3 4 5
    let image = GreyImage(width: 3, height: 2, values: [0, 1, 2, 3, 4, 5])

    @Test("each variant places every pixel where that turn or mirror puts it")
    func knownVariants() {
        let expected: [(width: Int, height: Int, values: [Float])] = [
            (3, 2, [0, 1, 2, 3, 4, 5]),
            (2, 3, [3, 0, 4, 1, 5, 2]), // 90° clockwise
            (3, 2, [5, 4, 3, 2, 1, 0]), // 180°
            (2, 3, [2, 5, 1, 4, 0, 3]), // 270° clockwise
            (3, 2, [2, 1, 0, 5, 4, 3]), // mirrored left to right
            (2, 3, [5, 2, 4, 1, 3, 0]), // mirrored, then 90° clockwise
            (3, 2, [3, 4, 5, 0, 1, 2]), // mirrored, then 180° (a top-to-bottom flip)
            (2, 3, [0, 3, 1, 4, 2, 5]), // mirrored, then 270° clockwise (a transpose)
        ]
        for (variant, want) in expected.enumerated() {
            let turned = image.dihedral(variant)
            #expect(turned.width == want.width && turned.height == want.height && turned.values == want.values, "variant \(variant): \(turned.values)")
        }
    }

    @Test("four quarter turns give the image back")
    func fourTurns() {
        let back = (0..<4).reduce(image) { turned, _ in turned.dihedral(1) }
        #expect(back.values == image.values && back.width == image.width)
    }
}
