import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// An image opened once decodes to exactly the pixels a decode of its file gives, at every size.
@Suite struct OpenedImageTests {
    let folder = TemporaryDirectory("opened")
    let decoder: ImageDecoder
    let encoder: ImageEncoder

    init() throws {
        decoder = try ImageDecoder()
        encoder = try ImageEncoder()
    }

    static let sizes: [TargetSize] = [.fit(width: 37, height: 29), .squash(width: 32, height: 32), .centreCrop(width: 24, height: 24),
                                      .fit(width: 384, height: 384), .fit(width: 90, height: 60)]

    func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func expectSame(_ data: [UInt8], _ name: String) throws {
        let opened = try decoder.open(data, path: name)
        #expect(opened.info == (try decoder.probe(data)), "\(name)")
        for size in Self.sizes {
            let direct = try decoder.decode(data, to: size).pixels
            let again = try decoder.decode(opened, to: size)
            #expect(again == direct, "\(name) at \(size)")
        }
    }

    @Test("each format: the same pixels as decoding the file", arguments: ["png", "jpg", "webp", "tif", "gif"])
    func formats(suffix: String) throws {
        let path = try Fixtures.writePattern(to: folder.child("p.\(suffix)"), width: 90, height: 60, seed: 5)
        try expectSame(try bytes(path), path)
    }

    @Test("alpha, grey, 16-bit and EXIF-turned files: the same pixels as decoding the file")
    func interpretations() throws {
        let texture = Fixtures.texture(width: 80, height: 50, seed: 9)
        var rgba: [UInt8] = []
        for i in 0..<(80 * 50) {
            rgba += texture.bytes[(3 * i)..<(3 * i + 3)]
            rgba.append(UInt8(i % 256))
        }
        let alpha = RasterImage(width: 80, height: 50, bands: 4, samples: rgba)
        try encoder.write(alpha, to: folder.child("alpha.png"))
        let grey = RasterImage(width: 80, height: 50, bands: 1, samples: (0..<(80 * 50)).map { texture.bytes[3 * $0] })
        try encoder.write(grey, to: folder.child("grey.png"))
        let deep = RasterImage(width: 80, height: 50, bands: 3, depth: .sixteen,
                               samples: texture.bytes.flatMap { withUnsafeBytes(of: UInt16($0) * 257, Array.init) })
        try encoder.write(deep, to: folder.child("deep.png"))
        var turned = RasterImage(texture)
        turned.orientation = 6
        try encoder.write(turned, to: folder.child("turned.jpg"))
        for name in ["alpha.png", "grey.png", "deep.png", "turned.jpg"] {
            try expectSame(try bytes(folder.child(name)), name)
        }
    }

    @Test("a truncated PNG fails when opened, with the decoder's typed error")
    func truncated() throws {
        let path = try Fixtures.writePattern(to: folder.child("whole.png"), width: 200, height: 200, seed: 3)
        let data = try bytes(path)
        let cut = Array(data.prefix(data.count / 2))
        #expect(throws: ImagingError.self) { try decoder.decode(cut, to: .fit(width: 32, height: 32)) }
        #expect(throws: ImagingError.self) { try decoder.open(cut, path: "cut.png") }
    }
}
