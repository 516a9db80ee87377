import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// The direct libjpeg path of `ImageDecoder` against the libvips path it replaces for JPEGs.
///
/// In colour the two must give the same bytes (same DCT scaling, same turn, same resize); in luma
/// the direct path returns grey, which is how these tests see that it, and not libvips, ran.
@Suite struct DirectJPEGTests {
    let folder = TemporaryDirectory("direct-jpeg")
    let direct: ImageDecoder
    let libvips: ImageDecoder
    let encoder: ImageEncoder

    init() throws {
        direct = try ImageDecoder()
        libvips = try ImageDecoder(configuration: DecodeConfiguration(directJPEG: false))
        encoder = try ImageEncoder()
    }

    /// Writes a raster as a JPEG (saver options in `options`, e.g. "Q=90,interlace") and reads the bytes back.
    func jpeg(_ raster: RasterImage, _ name: String, options: String = "Q=90") throws -> [UInt8] {
        let path = folder.child(name)
        try encoder.write(raster, to: "\(path)[\(options)]")
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func isGrey(_ pixels: PixelBuffer) -> Bool {
        let bytes = pixels.bytes
        for i in stride(from: 0, to: bytes.count, by: 3) where bytes[i] != bytes[i + 1] || bytes[i] != bytes[i + 2] { return false }
        return true
    }

    static let targets: [TargetSize] = [
        .squash(width: 32, height: 32), .squash(width: 9, height: 8), .fit(width: 100, height: 100),
        .centreCrop(width: 64, height: 64), .fit(width: 400, height: 300), .fit(width: 800, height: 600),
    ]

    @Test("colour decodes equal libvips' byte for byte at every scale", arguments: targets)
    func colourMatchesLibvips(target: TargetSize) throws {
        let data = try jpeg(RasterImage(Fixtures.pattern(width: 800, height: 600, seed: 11)), "colour.jpg")
        let ours = try direct.decode(data, to: target)
        let theirs = try libvips.decode(data, to: target)
        #expect(ours.info == theirs.info)
        #expect(ours.pixels == theirs.pixels)
    }

    @Test("every EXIF orientation turns the image as libvips does", arguments: 1...8)
    func orientation(value: Int) throws {
        var raster = RasterImage(Fixtures.rectangles(width: 120, height: 80, seed: 4))
        raster.orientation = value
        let data = try jpeg(raster, "turned-\(value).jpg")
        for target in [TargetSize.fit(width: 200, height: 200), .squash(width: 16, height: 16)] {
            let ours = try direct.decode(data, to: target)
            let theirs = try libvips.decode(data, to: target)
            #expect(ours.info == theirs.info)
            #expect(ours.pixels == theirs.pixels, "orientation \(value), \(target)")
        }
        let shown = try direct.decode(data, to: .fit(width: 200, height: 200)).info
        #expect((shown.width, shown.height) == (value >= 5 ? (80, 120) : (120, 80)))
        #expect(isGrey(try direct.decode(data, to: .fit(width: 200, height: 200), channels: .luma).pixels))
    }

    @Test("luma decodes are grey and equal the luma of the colour decode to within rounding")
    func lumaIsLumaOfColour() throws {
        let data = try jpeg(RasterImage(Fixtures.pattern(width: 1600, height: 1200, seed: 12)), "luma.jpg")
        for target in Self.targets {
            let colour = try direct.decode(data, to: target).pixels
            let luma = try direct.decode(data, to: target, channels: .luma).pixels
            #expect((luma.width, luma.height) == (colour.width, colour.height))
            #expect(isGrey(luma))
            let greyOfColour = colour.luma()
            let worst = (0..<(luma.width * luma.height)).map { abs(Float(luma.bytes[3 * $0]) - greyOfColour[$0]) }.max() ?? 0
            #expect(worst <= 3, "largest luma difference \(worst) at \(target)")
        }
        // libvips is not asked to skip colour: the same request there still gives colour.
        #expect(!isGrey(try libvips.decode(data, to: .squash(width: 32, height: 32), channels: .luma).pixels))
    }

    @Test("a grey JPEG decodes as libvips decodes it, in colour and in luma")
    func greyJPEG() throws {
        let grey = Fixtures.pattern(width: 300, height: 200, seed: 13).luma().map { UInt8($0.rounded()) }
        let data = try jpeg(RasterImage(width: 300, height: 200, bands: 1, samples: grey), "grey.jpg")
        let theirs = try libvips.decode(data, to: .fit(width: 64, height: 64)).pixels
        #expect(try direct.decode(data, to: .fit(width: 64, height: 64)).pixels == theirs)
        #expect(try direct.decode(data, to: .fit(width: 64, height: 64), channels: .luma).pixels == theirs)
    }

    @Test("a progressive JPEG goes the direct way and matches libvips")
    func progressive() throws {
        let data = try jpeg(RasterImage(Fixtures.pattern(width: 640, height: 480, seed: 14)), "progressive.jpg", options: "Q=85,interlace")
        let target = TargetSize.squash(width: 32, height: 32)
        #expect(try direct.decode(data, to: target).pixels == (try libvips.decode(data, to: target).pixels))
        #expect(isGrey(try direct.decode(data, to: target, channels: .luma).pixels))
    }

    @Test("a CMYK JPEG goes to libvips, which converts it to sRGB, even when only luma is asked")
    func cmykFallsBack() throws {
        var samples: [UInt8] = []
        for i in 0..<(64 * 48) { samples += [UInt8(i % 256), 40, UInt8((i / 64) * 5), 10] }
        let data = try jpeg(RasterImage(width: 64, height: 48, bands: 4, samples: samples, isCMYK: true), "cmyk.jpg")
        let theirs = try libvips.decode(data, to: .fit(width: 32, height: 32)).pixels
        #expect(try direct.decode(data, to: .fit(width: 32, height: 32)).pixels == theirs)
        #expect(try direct.decode(data, to: .fit(width: 32, height: 32), channels: .luma).pixels == theirs)
    }

    @Test("a truncated JPEG is a typed corrupt-image error naming the file, in colour and in luma")
    func truncated() throws {
        let data = try jpeg(RasterImage(Fixtures.pattern(width: 400, height: 300, seed: 15)), "cut.jpg")
        for channels in [DecodeChannels.colour, .luma] {
            do {
                _ = try direct.decode(Array(data.prefix(data.count / 2)), to: .squash(width: 32, height: 32), channels: channels, path: "cut.jpg")
                Issue.record("a truncated JPEG decoded")
            } catch {
                #expect(error.itemFailure.kind == .corruptImage)
                #expect(error.description.contains("cut.jpg"))
            }
        }
    }

    @Test("damaged entropy data ends as it does through libvips", arguments: [0.3, 0.5, 0.8])
    func damaged(at fraction: Double) throws {
        var data = try jpeg(RasterImage(Fixtures.pattern(width: 400, height: 300, seed: 16)), "damaged.jpg")
        let start = Int(Double(data.count) * fraction)
        for i in start..<(start + 40) { data[i] = UInt8(truncatingIfNeeded: i &* 37) }
        func outcome(_ decoder: ImageDecoder) -> Result<PixelBuffer, ImagingError> {
            Result { () throws(ImagingError) in try decoder.decode(data, to: .squash(width: 32, height: 32), path: "damaged.jpg").pixels }
        }
        switch (outcome(direct), outcome(libvips)) {
        case (.success(let ours), .success(let theirs)): #expect(ours == theirs)
        case (.failure(let ours), .failure(let theirs)): #expect(ours == theirs)
        case (let ours, let theirs): Issue.record("direct \(ours) but libvips \(theirs)")
        }
    }

    @Test("the pixel cap refuses a large JPEG before decoding it")
    func pixelCap() throws {
        let data = try jpeg(RasterImage(Fixtures.pattern(width: 200, height: 100, seed: 17)), "cap.jpg")
        let strict = try ImageDecoder(configuration: DecodeConfiguration(maxPixels: 19_999))
        #expect(throws: ImagingError.tooManyPixels(width: 200, height: 100, pages: 1, limit: 19_999, path: "cap.jpg")) {
            try strict.decode(data, to: .squash(width: 8, height: 8), channels: .luma, path: "cap.jpg")
        }
    }
}
