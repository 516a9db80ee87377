import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// What file bytes say about their encoding: JPEG quality from the quantisation tables, PNG depth
/// and palette, and nothing for bytes that are no image.
@Suite struct FileEncodingTests {
    let pixels = Fixtures.texture(width: 96, height: 64, seed: 2)
    let editor = try! ImageEditor()

    @Test("a JPEG saved at quality Q reads back as Q from its tables, marked standard", arguments: [10, 30, 50, 75, 90, 95, 100])
    func jpegQuality(quality: Int) throws {
        let encoding = FileEncoding(bytes: try editor.encoded(pixels, suffix: ".jpg[Q=\(quality)]"))
        #expect(encoding.lossy == true)
        #expect(encoding.jpegQuality == quality)
        #expect(encoding.jpegStandardTables == true)
        #expect(encoding.bitDepth == 8)
    }

    @Test("scaled tables: quality 50 is the standard table, 100 is all ones, steps never leave 1…255")
    func scaledTables() {
        #expect(JPEGQuantization.scaled(JPEGQuantization.standardLuma, quality: 50) == JPEGQuantization.standardLuma)
        #expect(JPEGQuantization.scaled(JPEGQuantization.standardLuma, quality: 100).allSatisfy { $0 == 1 })
        #expect(JPEGQuantization.scaled(JPEGQuantization.standardChroma, quality: 1).allSatisfy { (1...255).contains($0) })
        let partial = Dictionary(uniqueKeysWithValues: [3, 10, 17, 24, 32].map { ($0, JPEGQuantization.scaled(JPEGQuantization.standardLuma, quality: 70)[$0]) })
        #expect(JPEGQuantization.nearestQuality(steps: partial).map { abs($0 - 70) <= 3 } == true)
    }

    @Test("PNG: 8-bit true colour, an indexed palette, 16 bits; non-image bytes say nothing")
    func png() throws {
        let plain = FileEncoding(bytes: try editor.encoded(pixels, suffix: ".png"))
        #expect(plain.lossy == false && plain.bitDepth == 8 && plain.paletteEntries == nil && !plain.transparency)
        let indexed = FileEncoding(bytes: try editor.encoded(pixels, suffix: ".png[palette,bitdepth=4]"))
        #expect(indexed.paletteEntries.map { $0 >= 2 && $0 <= 16 } == true, "\(indexed)")
        let folder = TemporaryDirectory("encoding")
        let deep = RasterImage(width: 8, height: 8, bands: 3, depth: .sixteen, samples: [UInt8](repeating: 7, count: 8 * 8 * 3 * 2))
        try ImageEncoder().write(deep, to: folder.child("deep.png"))
        let bytes = try #require(FileManagerBytes.read(folder.child("deep.png")))
        #expect(FileEncoding(bytes: bytes).bitDepth == 16)
        #expect(FileEncoding(bytes: Array("not an image".utf8)) == FileEncoding())
    }
}

/// Reads a small file for a test.
enum FileManagerBytes {
    static func read(_ path: String) -> [UInt8]? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return nil }
        return [UInt8](data)
    }
}
