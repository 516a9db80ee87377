import Foundation
import LikenessCore
import LikenessEngine
import LikenessHashing
import LikenessImaging
import LikenessTestSupport
import Testing

/// `HashComputer` decodes JPEGs through libjpeg directly, in luma alone when no method reads colour;
/// its hashes must stay those of the libvips path it replaced.
@Suite struct HashComputerTests {
    static let viaLibvips = DecodeConfiguration(directJPEG: false)

    /// The 24 JPEG photos setup fetched (4000×3000 and 1.3–4.9 MP camera photos).
    func photos() throws -> [(name: String, bytes: [UInt8])] {
        let paths = TestPhotos.large + TestPhotos.mate
        try #require(paths.count == 24, "run make setup: it fetches the photos")
        return try paths.map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) }
    }

    @Test("on real photos, bit hashes from the luma decode stay within 10 % of their bits of libvips' colour decode, 3 % on average")
    func lumaHashesAgree() throws {
        let ours = try HashComputer(methods: HashMethod.allCases)
        let theirs = try HashComputer(methods: HashMethod.allCases, decode: Self.viaLibvips)
        var distances: [HashMethod: [Int]] = [:]
        for photo in try photos() {
            let a = try ours.hashes(of: photo.bytes, path: photo.name), b = try theirs.hashes(of: photo.bytes, path: photo.name)
            for (method, (x, y)) in zip(HashMethod.allCases, zip(a, b)) { distances[method, default: []].append(x.hammingDistance(to: y)) }
        }
        for (method, found) in distances {
            let bits = Double(method.makeHasher().bitCount)
            #expect(Double(found.max()!) <= 0.10 * bits, "\(method): \(found)")
            #expect(Double(found.reduce(0, +)) / Double(found.count) <= 0.03 * bits, "\(method): \(found)")
        }
        // The luma path is really taken: some photo's hash moves by a bit or more.
        #expect(distances.values.contains { $0.contains { $0 > 0 } })
    }

    @Test("a method that reads colour keeps colour: every value equals the libvips path's")
    func colourKeepsColour() throws {
        let methods: [PerceptualMethod] = [.bits(.pHash), .features(.colorMoments), .features(.radialVariance)]
        let ours = try HashComputer(perceptual: methods)
        let theirs = try HashComputer(perceptual: methods, decode: Self.viaLibvips)
        for photo in try photos().prefix(4) {
            #expect(try ours.values(of: photo.bytes) == (try theirs.values(of: photo.bytes)), "\(photo.name)")
        }
    }

    @Test("an unreadable file is the same typed failure either way")
    func failuresAgree() throws {
        let cut = Array(try photos()[0].bytes.prefix(5_000))
        func kind(_ decode: DecodeConfiguration) throws -> FailureKind? {
            let computer = try HashComputer(methods: [.pHash], decode: decode)
            do throws(ImagingError) {
                _ = try computer.hashes(of: cut, path: "cut.jpg")
                return nil
            } catch {
                return error.itemFailure.kind
            }
        }
        #expect(try kind(DecodeConfiguration()) == .corruptImage)
        #expect(try kind(Self.viaLibvips) == .corruptImage)
    }
}
