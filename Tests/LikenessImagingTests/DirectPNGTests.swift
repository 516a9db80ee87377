import Foundation
import LikenessCore
@testable import LikenessImaging
import LikenessTestSupport
import Testing

/// The direct PNG path of `ImageDecoder` against the libvips path it replaces for 8-bit PNGs.
///
/// Where the direct path decodes a file, it must give libvips' samples byte for byte, through every
/// decode and resize, single or of an opened image; where it declines one, the file must still
/// decode (or fail) exactly as libvips alone would.
@Suite struct DirectPNGTests {
    let folder = TemporaryDirectory("direct-png")
    let direct: ImageDecoder
    let libvips: ImageDecoder
    let encoder: ImageEncoder

    init() throws {
        direct = try ImageDecoder()
        libvips = try ImageDecoder(configuration: DecodeConfiguration(directPNG: false))
        encoder = try ImageEncoder()
    }

    /// Samples with smooth areas (where Paeth's ties decide) and noise, for `channels` per pixel.
    static func samples(width: Int, height: Int, channels: Int, seed: UInt64) -> [UInt8] {
        let colour = Fixtures.pattern(width: width, height: height, seed: seed).bytes
        var generator = SeededGenerator(seed: seed + 1)
        var out: [UInt8] = []
        for pixel in 0..<(width * height) {
            let (r, g, b) = (colour[3 * pixel], colour[3 * pixel + 1], colour[3 * pixel + 2])
            let noisy = pixel % 7 < 2 ? UInt8.random(in: 0...255, using: &generator) : r
            out += [[noisy], [noisy, g], [noisy, g, b], [noisy, g, b, pixel % 3 == 0 ? 255 : b ^ g]][channels - 1]
        }
        return out
    }

    static let targets: [TargetSize] = [
        .squash(width: 32, height: 32), .fit(width: 384, height: 384), .fit(width: 7, height: 5), .centreCrop(width: 16, height: 16),
    ]

    /// The direct path's pixels for `data`, decoded once and opened then decoded, at every target,
    /// against libvips' single decode and libvips' own opened image.
    func expectSameAsLibvips(_ data: [UInt8], _ label: String) throws {
        for target in Self.targets {
            let ours = try direct.decode(data, to: target)
            let theirs = try libvips.decode(data, to: target)
            #expect(ours.info == theirs.info, "\(label) at \(target)")
            let opened = try direct.decode(try direct.open(data), to: target)
            let (same, sameOpened) = (ours.pixels == theirs.pixels, opened == theirs.pixels)
            let sameAsLibvipsOpened = try opened == libvips.decode(try libvips.open(data), to: target)
            #expect(same, "\(label) at \(target)")
            #expect(sameOpened && sameAsLibvipsOpened, "\(label), opened, at \(target)")
        }
        #expect(try direct.open(data).info == libvips.open(data).info, "\(label)")
    }

    /// The samples the direct path decodes from `data`, or nil when it declines the file.
    func directSamples(_ data: [UInt8]) throws -> [UInt8]? {
        try ImageDecoder.withBytes(data) { raw throws(ImagingError) in
            var made: UnsafeMutableRawBufferPointer?
            defer { made?.deallocate() }
            let decoded: Bool? = try DirectPNGDecoding.decode(raw, maxPixels: 1 << 30) { width, height, channels throws(ImagingError) in
                made = .allocate(byteCount: width * height * channels, alignment: 1)
                return (made!, true)
            }
            return decoded == true ? made.map { Array($0) } : nil
        }
    }

    @Test("every filter on every pixel layout gives the stored samples, and libvips' pixels", arguments: 1...4)
    func everyFilter(channels: Int) throws {
        for (width, height) in [(1, 6), (3, 11), (17, 9), (40, 30)] {
            let samples = Self.samples(width: width, height: height, channels: channels, seed: UInt64(width * 10 + channels))
            var builder = PNGBuilder(width: width, height: height, channels: channels, samples: samples)
            builder.dataChunk = 97
            builder.before = [("gAMA", PNGBuilder.bigEndian(45_455)), ("pHYs", [0, 0, 11, 19, 0, 0, 11, 19, 1]), ("tEXt", Array("Title\0test".utf8))]
            let file = builder.file()
            let decoded = try directSamples(file) == samples
            #expect(decoded, "\(channels) channels, \(width)×\(height)")
            try expectSameAsLibvips(file, "\(channels) channels, \(width)×\(height)")
        }
    }

    @Test("files written by libvips' own PNG saver decode directly, equal to libvips", arguments: 1...4)
    func savedByLibvips(bands: Int) throws {
        let samples = Self.samples(width: 301, height: 203, channels: bands, seed: UInt64(bands))
        for options in ["filter=all", "filter=paeth,compression=9", "filter=none,compression=1"] {
            let path = folder.child("saved-\(bands).png")
            try encoder.write(RasterImage(width: 301, height: 203, bands: bands, samples: samples), to: "\(path)[\(options)]")
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let decoded = try directSamples(data) == samples
            #expect(decoded, "\(bands) bands, \(options)")
            try expectSameAsLibvips(data, "\(bands) bands, \(options)")
        }
    }

    /// A valid RGB file to damage.
    var plain: PNGBuilder {
        PNGBuilder(width: 20, height: 12, channels: 3, samples: Self.samples(width: 20, height: 12, channels: 3, seed: 5))
    }

    /// Files the direct path must leave to libvips: each is declined, and decodes (or fails) as libvips alone.
    var declined: [(String, [UInt8])] {
        var cases: [(String, [UInt8])] = []
        var builder = plain
        builder.before = [("tRNS", [0, 1, 0, 2, 0, 3])]
        cases.append(("transparency", builder.file()))
        // EXIF orientation 6 (turn right), big-endian TIFF with one IFD entry.
        builder.before = [("eXIf", [77, 77, 0, 42, 0, 0, 0, 8, 0, 1, 1, 18, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0])]
        cases.append(("EXIF", builder.file()))
        builder.before = [("zzZz", [1, 2, 3])]
        cases.append(("unknown ancillary chunk", builder.file()))
        builder.before = [("ABCD", [1, 2, 3])]
        cases.append(("unknown critical chunk", builder.file()))
        builder = plain
        builder.filterOfRow = { $0 == 7 ? 5 : 1 }
        cases.append(("filter 5", builder.file()))
        builder = plain
        var stream = builder.stream()
        cases.append(("short image data", builder.file(stream: PNGBuilder.zlibStored(Array(builder.filtered().dropLast(5))))))
        cases.append(("surplus image data", builder.file(stream: PNGBuilder.zlibStored(builder.filtered() + [0, 0, 0]))))
        stream[stream.count - 1] ^= 1
        cases.append(("bad Adler-32", builder.file(stream: stream)))
        var file = plain.file()
        file[file.count - 13] ^= 1
        cases.append(("bad IDAT CRC", file))
        cases.append(("no IEND", plain.file(end: false)))
        cases.append(("cut inside IDAT", Array(plain.file().prefix(200))))
        builder = plain
        builder.dataChunk = 100
        file = builder.file()
        let second = 8 + 25 + 112
        cases.append(("IDAT split by another chunk", Array(file[..<second]) + PNGBuilder.chunk("tEXt", Array("a\0b".utf8)) + Array(file[second...])))
        return cases
    }

    @Test("files the direct path does not decode exactly as libvips would are left to libvips")
    func declines() throws {
        for (label, data) in declined {
            #expect(try directSamples(data) == nil, "\(label)")
            let ours = Result { () throws(ImagingError) in try direct.decode(try direct.open(data), to: .squash(width: 32, height: 32)) }
            let theirs = Result { () throws(ImagingError) in try libvips.decode(try libvips.open(data), to: .squash(width: 32, height: 32)) }
            switch (ours, theirs) {
            case let (.success(a), .success(b)):
                let same = a == b
                #expect(same, "\(label)")
            // The same kind of failure: libvips' error text is one buffer for the whole process,
            // so a message can pick up another test's text when suites run at once.
            case let (.failure(a), .failure(b)): #expect(a.itemFailure.kind == b.itemFailure.kind, "\(label): \(a) against \(b)")
            default: Issue.record("\(label): direct \(ours), libvips \(theirs)")
            }
        }
    }

    @Test("16-bit, palette and interlaced files from libvips' saver are left to libvips")
    func otherLayouts() throws {
        let samples = Self.samples(width: 64, height: 48, channels: 3, seed: 9)
        let wide = samples.flatMap { [$0, $0 &+ 1] }
        let files: [(String, RasterImage)] = [
            ("interlaced.png[interlace]", RasterImage(width: 64, height: 48, bands: 3, samples: samples)),
            ("palette.png[palette]", RasterImage(width: 64, height: 48, bands: 3, samples: samples)),
            ("sixteen.png", RasterImage(width: 64, height: 48, bands: 3, depth: .sixteen, samples: wide)),
        ]
        for (name, raster) in files {
            let path = folder.child(String(name.prefix { $0 != "[" }))
            try encoder.write(raster, to: folder.child(name))
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(try directSamples(data) == nil, "\(name)")
            try expectSameAsLibvips(data, name)
        }
    }

    @Test("a PNG above the pixel cap is refused before it is inflated, as libvips refuses it")
    func pixelCap() throws {
        let data = plain.file()
        let capped = try ImageDecoder(configuration: DecodeConfiguration(maxPixels: 100))
        #expect(throws: ImagingError.self) { try capped.open(data) }
        #expect(throws: ImagingError.self) { try capped.decode(data, to: .squash(width: 8, height: 8)) }
        let fits = try ImageDecoder(configuration: DecodeConfiguration(maxPixels: 240))
        #expect(try fits.open(data).info.width == 20)
        #expect(try directSamples(data) != nil)
    }
}
