import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// `ImageDecoder.grey`: luma taken before the resize for images held in memory, and through the
/// luma channel for JPEGs, against the luma of the colour decode it stands in for.
@Suite struct GreyDecodeTests {
    let folder = TemporaryDirectory("grey-decode")
    let decoder: ImageDecoder
    let editor: ImageEditor
    let encoder: ImageEncoder
    let pixels = Fixtures.pattern(width: 900, height: 640, seed: 21)

    init() throws {
        decoder = try ImageDecoder()
        editor = try ImageEditor()
        encoder = try ImageEncoder()
    }

    func file(_ name: String) throws -> [UInt8] {
        let path = folder.child(name)
        try encoder.write(pixels, to: path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path.split(separator: "[").first.map(String.init) ?? path)))
    }

    /// Whether `grey` agrees with the luma of the colour decode of the same request: a mean
    /// difference within rounding, and no pixel further off than `largest` (where a sharp edge of
    /// a saturated colour rings past 255 in one channel, clipping it alone after the resize
    /// differs from clipping the luma).
    func agrees(_ grey: GreyImage, _ colour: PixelBuffer, largest: Float, _ label: String) {
        #expect((grey.width, grey.height) == (colour.width, colour.height), "\(label)")
        let differences = zip(grey.values, colour.luma()).map { abs($0 - $1) }
        let mean = differences.reduce(0, +) / Float(max(differences.count, 1))
        #expect(mean <= 0.5 && (differences.max() ?? .infinity) <= largest, "\(label): mean \(mean), largest \(differences.max() ?? .infinity)")
    }

    static let targets: [TargetSize] = [.fit(width: 384, height: 384), .squash(width: 32, height: 32), .centreCrop(width: 100, height: 100)]

    @Test("held images: luma before the resize agrees with the luma after it, to within rounding", arguments: targets)
    func heldImage(target: TargetSize) throws {
        for name in ["grey.png", "grey.webp[lossless]", "grey.tif"] {
            let data = try file(name)
            let opened = try decoder.open(data)
            let grey = try decoder.grey(opened, to: target)
            agrees(grey, try decoder.decode(opened, to: target), largest: 6, "\(name) at \(target)")
            // From bytes, the same values as from the opened image.
            #expect(try decoder.grey(data, to: target).grey.values == grey.values, "\(name)")
        }
    }

    @Test("JPEGs read their luma channel, which agrees with the luma of the colour decode")
    func jpeg() throws {
        let data = try file("grey.jpg[Q=95]")
        for target in Self.targets {
            let grey = try decoder.grey(try decoder.open(data), to: target)
            agrees(grey, try decoder.decode(data, to: target).pixels, largest: 8, "JPEG at \(target)")
        }
    }

    @Test("pixels in memory give exactly what the same pixels held from a lossless file give")
    func editorMatchesDecoder() throws {
        let opened = try decoder.open(try file("same.png"))
        for target in Self.targets {
            #expect(try editor.grey(pixels, to: target).values == decoder.grey(opened, to: target).values, "\(target)")
        }
    }
}
