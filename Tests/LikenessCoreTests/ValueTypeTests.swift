import Foundation
import LikenessCore
import Testing

@Suite struct ImageFormatTests {
    @Test(arguments: [
        ("jpegload_buffer", ImageFormat.jpeg), ("VipsForeignLoadJpegBuffer", .jpeg), ("VipsForeignLoadPngBuffer", .png),
        ("VipsForeignLoadWebpBuffer", .webp), ("VipsForeignLoadTiffBuffer", .tiff), ("VipsForeignLoadNsgifBuffer", .gif),
        ("VipsForeignLoadHeifBuffer", .heif), ("heifload", .heif), ("VipsForeignLoadJp2kBuffer", .jpeg2000),
    ])
    func mapsLoaders(loader: String, format: ImageFormat) {
        #expect(ImageFormat(loaderName: loader) == format)
    }

    @Test(arguments: ["VipsForeignLoadSvgBuffer", "VipsForeignLoadPdfBuffer", "matrixload", "csvload"])
    func rejectsNonPhotoLoaders(loader: String) {
        #expect(ImageFormat(loaderName: loader) == nil)
    }
}

@Suite struct PixelBufferTests {
    @Test func floatsAndLuma() {
        let pixels = PixelBuffer(width: 2, height: 1, bytes: [255, 0, 0, 0, 0, 255])
        #expect(pixels.floats() == [1, 0, 0, 0, 0, 1])
        let luma = pixels.luma()
        #expect(abs(luma[0] - 76.245) < 1e-3)
        #expect(abs(luma[1] - 29.07) < 1e-3)
        #expect(pixels[1, 0].b == 255)
    }

    @Test func itemFailureCodesAreStable() throws {
        let data = try JSONEncoder().encode(ItemFailure(.tooManyPixels, "x"))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"too-many-pixels\""))
    }
}

@Suite struct FolderScopeTests {
    @Test func containment() {
        let scope = FolderScope("/data/a/")
        #expect(scope.path == "/data/a")
        #expect(scope.contains("/data/a"))
        #expect(scope.contains("/data/a/x/y.png"))
        #expect(!scope.contains("/data/ab/y.png"))
        #expect(FolderScope("/").contains("/anything"))
    }
}

@Suite struct DistinctPairsTests {
    @Test("a pair is unordered, a content paired with itself is its own pair, and unknown content is never decided")
    func unordered() {
        let a = ContentHash(bytes: Array(repeating: 1, count: 32)), b = ContentHash(bytes: Array(repeating: 2, count: 32))
        var pairs = DistinctPairs()
        pairs.insert(b, a)
        #expect(pairs.contains(a, b) && pairs.contains(b, a))
        #expect(!pairs.contains(a, a) && !pairs.contains(nil, b))
        pairs.insert(a, a)
        #expect(pairs.contains(a, a) && pairs.count == 2)
        #expect(DistinctPairs.Pair(b, a) == DistinctPairs.Pair(a, b) && DistinctPairs.Pair(b, a).first == a)
    }
}
