import LikenessAnalysis
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// Quality measured on an image opened once (as the embedding pass opens it) is what measuring its
/// file gives, so `dupes` may store the one and read it where it would have measured the other.
@Suite struct QualityMeasurerTests {
    @Test("scores of an opened image equal the scores of its file: PNG of JPEG pixels, a PNG above the analysis side, a palette PNG, a JPEG")
    func openedEqualsFile() throws {
        let measurer = try QualityMeasurer(naturalness: .failure(.notNeeded))
        let editor = try ImageEditor(), decoder = try ImageDecoder()
        let small = Fixtures.texture(width: 320, height: 240, seed: 31)
        let jpegPixels = try decoder.decode(try editor.encoded(small, suffix: ".jpg[Q=70]"), to: .fit(width: 320, height: 240)).pixels
        let large = Fixtures.rectangles(width: 1400, height: 1000, seed: 32)
        let files: [(name: String, bytes: [UInt8], held: Bool)] = [
            ("PNG of JPEG pixels", try editor.encoded(jpegPixels, suffix: ".png"), true),
            ("PNG above the analysis side", try editor.encoded(large, suffix: ".png"), true),
            ("palette PNG", try editor.encoded(small, suffix: ".png[palette,bitdepth=8]"), true),
            ("JPEG", try editor.encoded(large, suffix: ".jpg[Q=85]"), false),
        ]
        for file in files {
            let opened = try decoder.open(file.bytes)
            #expect(opened.holdsPixels == file.held, "\(file.name)")
            let fromFile = try measurer.scores(of: file.bytes)
            #expect(try measurer.scores(of: opened) == fromFile, "\(file.name)")
        }
        // The cases differ where it matters: one carries the JPEG trace, one is palette-reduced.
        #expect(try measurer.scores(of: files[0].bytes).reencodedJPEGQuality != nil)
        #expect(try measurer.scores(of: files[2].bytes).isPaletteReduced)
    }
}
