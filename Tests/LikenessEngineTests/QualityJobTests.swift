import Foundation
import LikenessAnalysis
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// `quality`: scores measured through ImageSource, stored once per file version, reused, measured
/// again after a file changes; the worst images first; file facts read from the bytes.
@Suite(.serialized) struct QualityJobTests {
    let folder = TemporaryDirectory("quality")

    func context() -> JobContext {
        JobContext(catalogPath: folder.child("c.sqlite"), models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary), workers: 2)
    }

    /// A photo-like original and four degraded copies, as JPEG and PNG files.
    func makePhotos() throws -> String {
        let photos = folder.folder("photos")
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        let original = Fixtures.texture(width: 320, height: 240, seed: 21)
        try encoder.write(original, to: folder.child("photos/original.jpg[Q=95]"))
        try encoder.write(try editor.apply(.blur(sigma: 6), to: original), to: folder.child("photos/blurred.jpg[Q=95]"))
        try encoder.write(try editor.apply(.exposure(ev: 1), to: original), to: folder.child("photos/bright.jpg[Q=95]"))
        try encoder.write(original, to: folder.child("photos/heavy.jpg[Q=15]"))
        try encoder.write(Fixtures.texture(width: 320, height: 240, seed: 22), to: folder.child("photos/other.png"))
        return photos
    }

    @Test("a first run measures every image, a second reads every score back; degraded copies rank below the original")
    func storedAndReused() throws {
        let photos = try makePhotos()
        let first = try QualityJob(folders: [photos]).run(in: context())
        #expect(first.images.count == 5 && first.computed == 5 && first.reused == 0)
        let rank = Dictionary(uniqueKeysWithValues: first.images.enumerated().map { (($0.element.path as NSString).lastPathComponent, $0.offset) })
        for worse in ["blurred.jpg", "bright.jpg", "heavy.jpg"] { #expect(rank[worse]! < rank["original.jpg"]!, "\(worse) ranks below the original: \(rank)") }
        #expect(zip(first.images, first.images.dropFirst()).allSatisfy { $0.overall <= $1.overall }, "worst first")
        let heavy = try #require(first.images.first { $0.path.hasSuffix("heavy.jpg") })
        #expect(heavy.scores.jpegQuality == 15 && heavy.issues.contains(.heavyCompression))
        #expect(first.issueCounts["heavy-compression"] == 1)

        let second = try QualityJob(folders: [photos]).run(in: context())
        #expect(second.computed == 0 && second.reused == 5)
        #expect(second.images.map(\.path) == first.images.map(\.path))
        #expect(second.images.map(\.scores) == first.images.map(\.scores), "stored scores read back exactly")
    }

    @Test("a file that changed is measured again after its re-scan; the others are read back")
    func invalidated() throws {
        let photos = try makePhotos()
        _ = try QualityJob(folders: [photos]).run(in: context())
        try ImageEncoder().write(Fixtures.texture(width: 200, height: 150, seed: 23), to: folder.child("photos/other.png"))
        let again = try QualityJob(folders: [photos]).run(in: context())
        #expect(again.computed == 1 && again.reused == 4)
        #expect(again.images.first { $0.path.hasSuffix("other.png") }?.scores.width == 200)
    }

    @Test("an unreadable file is skipped with its reason, the rest measured")
    func badFile() throws {
        let photos = try makePhotos()
        _ = folder.file("photos/broken.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array(repeating: 0, count: 40))
        let result = try QualityJob(folders: [photos]).run(in: context())
        #expect(result.images.count == 5)
        #expect(result.skipped == nil || result.skipped!.allSatisfy { $0.path.hasSuffix("broken.jpg") })
    }

    @Test("a PNG saved from a JPEG carries the JPEG's trace and quality; a palette PNG is palette-reduced")
    func fileFacts() throws {
        let measurer = try QualityMeasurer(), editor = try ImageEditor(), decoder = try ImageDecoder()
        let original = Fixtures.texture(width: 320, height: 240, seed: 24)
        let jpeg = try editor.encoded(original, suffix: ".jpg[Q=60]")
        let decoded = try decoder.decode(jpeg, to: .fit(width: 320, height: 240)).pixels
        let reencoded = try measurer.scores(of: try editor.encoded(decoded, suffix: ".png"))
        let quality = try #require(reencoded.reencodedJPEGQuality)
        #expect(abs(quality - 60) <= 8, "traced quality \(quality)")
        #expect(reencoded.issues.contains(.reencodedJPEG))
        #expect(try measurer.scores(of: try editor.encoded(original, suffix: ".png")).reencodedJPEGQuality == nil, "a PNG of the pixels themselves has no trace")
        let palette = try measurer.scores(of: try editor.encoded(original, suffix: ".png[palette,bitdepth=8]"))
        #expect(palette.isPaletteReduced && palette.issues.contains(.palette))
        #expect(try measurer.scores(of: jpeg).jpegQuality == 60)
    }
}
