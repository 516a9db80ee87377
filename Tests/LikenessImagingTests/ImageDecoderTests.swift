import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct ImageDecoderTests {
    let folder = TemporaryDirectory("imaging")
    let decoder: ImageDecoder
    let encoder: ImageEncoder

    init() throws {
        decoder = try ImageDecoder()
        encoder = try ImageEncoder()
    }

    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test("formats round-trip with their size and format", arguments: [
        ("png", ImageFormat.png), ("jpg", .jpeg), ("webp", .webp), ("tif", .tiff), ("gif", .gif),
    ])
    func formats(suffix: String, format: ImageFormat) throws {
        let path = try Fixtures.writePattern(to: folder.child("p.\(suffix)"), width: 120, height: 80, seed: 1)
        let info = try decoder.probe(try bytes(path))
        #expect(info == ImageInfo(width: 120, height: 80, format: format))
    }

    @Test("PNG decodes losslessly at its own size")
    func lossless() throws {
        let pattern = Fixtures.pattern(width: 40, height: 30, seed: 7)
        let path = folder.child("exact.png")
        try encoder.write(pattern, to: path)
        let decoded = try decoder.decode(try bytes(path), to: .fit(width: 40, height: 30))
        #expect(decoded.pixels == pattern)
    }

    @Test("target sizes: fit keeps aspect, squash and centre crop are exact")
    func sizes() throws {
        let path = try Fixtures.writePattern(to: folder.child("wide.jpg"), width: 400, height: 200, seed: 2)
        let data = try bytes(path)
        let fit = try decoder.decode(data, to: .fit(width: 100, height: 100)).pixels
        #expect((fit.width, fit.height) == (100, 50))
        let squash = try decoder.decode(data, to: .squash(width: 32, height: 32)).pixels
        #expect((squash.width, squash.height) == (32, 32))
        let crop = try decoder.decode(data, to: .centreCrop(width: 64, height: 64)).pixels
        #expect((crop.width, crop.height) == (64, 64))
        #expect(throws: ImagingError.self) { try decoder.decode(data, to: .squash(width: 0, height: 4)) }
    }

    @Test("alpha is flattened over white")
    func alpha() throws {
        // Left pixel opaque red, right pixel fully transparent blue.
        let raster = RasterImage(width: 2, height: 1, bands: 4, samples: [255, 0, 0, 255, 0, 0, 255, 0])
        let path = folder.child("alpha.png")
        try encoder.write(raster, to: path)
        let pixels = try decoder.decode(try bytes(path), to: .fit(width: 2, height: 1)).pixels
        #expect(pixels[0, 0] == (255, 0, 0))
        #expect(pixels[1, 0] == (255, 255, 255))
    }

    @Test("grey becomes three equal channels")
    func grey() throws {
        let raster = RasterImage(width: 3, height: 1, bands: 1, samples: [0, 128, 255])
        let path = folder.child("grey.png")
        try encoder.write(raster, to: path)
        let pixels = try decoder.decode(try bytes(path), to: .fit(width: 3, height: 1)).pixels
        #expect(pixels.bytes == [0, 0, 0, 128, 128, 128, 255, 255, 255])
    }

    @Test("16-bit RGB is scaled to 8 bits")
    func sixteenBit() throws {
        let values: [UInt16] = [65535, 0, 32896, 0, 65535, 0]
        let samples = values.flatMap { withUnsafeBytes(of: $0, Array.init) }
        let raster = RasterImage(width: 2, height: 1, bands: 3, depth: .sixteen, samples: samples)
        let path = folder.child("deep.png")
        try encoder.write(raster, to: path)
        let pixels = try decoder.decode(try bytes(path), to: .fit(width: 2, height: 1)).pixels
        #expect(pixels[0, 0] == (255, 0, 128))
        #expect(pixels[1, 0] == (0, 255, 0))
    }

    @Test("CMYK JPEG becomes sRGB")
    func cmyk() throws {
        // Pure cyan ink and no ink, as 8-bit CMYK.
        let samples: [UInt8] = Array(repeating: [255, 0, 0, 0], count: 8 * 8).flatMap { $0 }
            + Array(repeating: [0, 0, 0, 0], count: 8 * 8).flatMap { $0 }
        let raster = RasterImage(width: 8, height: 16, bands: 4, samples: samples, isCMYK: true)
        let path = folder.child("cmyk.jpg")
        try encoder.write(raster, to: path)
        let decoded = try decoder.decode(try bytes(path), to: .fit(width: 8, height: 16))
        let ink = decoded.pixels[4, 3], paper = decoded.pixels[4, 12]
        #expect(ink.r < 100 && ink.g > 120 && ink.b > 180, "cyan ink: \(ink)")
        #expect(paper.r > 230 && paper.g > 230 && paper.b > 230, "no ink is white: \(paper)")
    }

    @Test("EXIF orientation is applied")
    func orientation() throws {
        var raster = RasterImage(Fixtures.pattern(width: 60, height: 20, seed: 3))
        raster.orientation = 6 // rotate 90° clockwise to display
        let path = folder.child("rotated.jpg")
        try encoder.write(raster, to: path)
        let decoded = try decoder.decode(try bytes(path), to: .fit(width: 200, height: 200))
        // 60×20 stored, 20×60 displayed, scaled to fit 200×200.
        #expect((decoded.pixels.width, decoded.pixels.height) == (67, 200))
        #expect(decoded.info.width == 20 && decoded.info.height == 60)
    }

    @Test("float output is the byte output over 255")
    func floats() throws {
        let path = try Fixtures.writePattern(to: folder.child("f.png"), width: 8, height: 8, seed: 4)
        let pixels = try decoder.decode(try bytes(path), to: .fit(width: 8, height: 8)).pixels
        let floats = pixels.floats()
        #expect(floats.count == 8 * 8 * 3)
        #expect(zip(floats, pixels.bytes).allSatisfy { abs($0 * 255 - Float($1)) < 1e-4 })
    }
}
