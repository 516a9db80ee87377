import Foundation
import LikenessCore
@testable import LikenessImaging
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
            let opened = try decoder.open(try file(name))
            #expect(opened.upright != nil, "\(name) is held")
            agrees(try decoder.grey(opened, to: target), try decoder.decode(opened, to: target), largest: 6, "\(name) at \(target)")
        }
    }

    @Test("the luma is BT.601 rounded to 8 bits, for pure colours and a grey image as it is", arguments: [1, 2, 3, 4])
    func lumaOfKnownPixels(channels: Int) throws {
        // Rows of pure red, green, blue, white and a mid grey, each 8 pixels long; with alpha,
        // the alpha is opaque, so flattening changes nothing.
        let colours: [[UInt8]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [77, 77, 77]]
        var samples: [UInt8] = []
        for colour in colours {
            for _ in 0..<8 {
                let grey = colour[0] == colour[1] && colour[1] == colour[2] ? colour[0] : nil
                switch channels {
                case 1: samples += [grey ?? colour[1]]
                case 2: samples += [grey ?? colour[1], 255]
                case 3: samples += colour
                default: samples += colour + [255]
                }
            }
        }
        let png = PNGBuilder(width: 8, height: colours.count, channels: channels, samples: samples).file()
        let grey = try decoder.grey(try decoder.open(png), to: .squash(width: 8, height: colours.count))
        let rows = (0..<colours.count).map { Array(grey.values[($0 * 8)..<($0 * 8 + 8)]) }
        // round(0.299 × 255), round(0.587 × 255), round(0.114 × 255); grey values stay as they are.
        // A grey file stores the green value of the coloured rows.
        let expected: [Float] = channels >= 3 ? [76, 150, 29, 255, 77] : [0, 255, 0, 255, 77]
        for (row, value) in zip(rows, expected) { #expect(row == Array(repeating: value, count: 8), "\(channels) channels: \(row) against \(value)") }
    }

    @Test("an image with alpha is flattened over white before its luma is taken")
    func alphaFlattened() throws {
        // Half-transparent black over white is mid grey (128 after libvips' flatten), not black.
        let samples: [UInt8] = (0..<(16 * 16 * 4)).map { $0 % 4 == 3 ? 128 : 0 }
        let opened = try decoder.open(PNGBuilder(width: 16, height: 16, channels: 4, samples: samples).file())
        let grey = try decoder.grey(opened, to: .squash(width: 16, height: 16))
        let colour = try decoder.decode(opened, to: .squash(width: 16, height: 16))
        #expect(grey.values.allSatisfy { $0 > 100 && $0 < 160 }, "\(grey.values.prefix(4))")
        #expect(grey.values == colour.luma().map { $0.rounded() }, "the luma of the flattened colour decode")
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
