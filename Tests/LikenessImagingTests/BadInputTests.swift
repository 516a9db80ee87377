import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct BadInputTests {
    let folder = TemporaryDirectory("bad-input")
    let decoder: ImageDecoder

    init() throws { decoder = try ImageDecoder() }

    func failure(_ data: [UInt8]) -> FailureKind? {
        do {
            _ = try decoder.decode(data, to: .fit(width: 32, height: 32), path: "x")
            return nil
        } catch {
            return error.itemFailure.kind
        }
    }

    @Test func zeroBytes() { #expect(failure([]) == .emptyFile) }

    @Test func textNamedJPEG() { #expect(failure(Array("just some notes, not a photo\n".utf8)) == .notAnImage) }

    @Test func svgIsUnsupported() {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#
        #expect(failure(Array(svg.utf8)) == .unsupportedFormat)
    }

    @Test("truncated JPEG fails instead of decoding grey")
    func truncatedJPEG() throws {
        let path = try Fixtures.writePattern(to: folder.child("t.jpg"), width: 256, height: 256, seed: 5)
        let full = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(failure(full) == nil)
        #expect(failure(Array(full.prefix(full.count * 6 / 10))) == .corruptImage)
    }

    @Test("a header declaring 100,000 × 100,000 pixels is refused before decoding")
    func decompressionBomb() {
        #expect(failure(Fixtures.pngHeaderOnly(width: 100_000, height: 100_000)) == .tooManyPixels)
    }

    @Test("the pixel cap is configurable")
    func pixelCap() throws {
        let path = try Fixtures.writePattern(to: folder.child("cap.png"), width: 100, height: 100, seed: 6)
        let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let strict = try ImageDecoder(configuration: DecodeConfiguration(maxPixels: 9_999))
        #expect(throws: ImagingError.tooManyPixels(width: 100, height: 100, pages: 1, limit: 9_999, path: nil)) {
            try strict.probe(data)
        }
        #expect(try ImageDecoder(configuration: DecodeConfiguration(maxPixels: 10_000)).probe(data).pixelCount == 10_000)
    }

    @Test("errors carry libvips' message and the path")
    func messages() throws {
        let path = try Fixtures.writePattern(to: folder.child("m.jpg"), width: 128, height: 128, seed: 8)
        let full = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            _ = try decoder.decode(Array(full.prefix(full.count / 2)), to: .fit(width: 16, height: 16), path: path)
            Issue.record("truncated JPEG decoded")
        } catch {
            #expect(error.description.contains(path))
            #expect(error.description.lowercased().contains("jpeg") || error.description.contains("premature"))
        }
    }
}
