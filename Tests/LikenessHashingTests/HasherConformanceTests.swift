import Foundation
import LikenessCore
import LikenessHashing
import LikenessImaging
import LikenessTestSupport
import Testing

/// The suite every hasher must pass.
@Suite struct HasherConformanceTests {
    let editor: ImageEditor
    let decoder: ImageDecoder
    let folder = TemporaryDirectory("hash-conformance")

    init() throws {
        editor = try ImageEditor()
        decoder = try ImageDecoder()
    }

    func hash(_ pixels: PixelBuffer, _ hasher: any ImageHasher) throws -> BitHash {
        let (w, h) = hasher.inputSize
        return hasher.hash(try editor.resized(pixels, to: .squash(width: w, height: h)))
    }

    func photo(_ seed: UInt64) -> PixelBuffer { Fixtures.pattern(width: 320, height: 240, seed: seed) }

    @Test("deterministic, with the declared length", arguments: HashMethod.allCases)
    func deterministic(method: HashMethod) throws {
        let hasher = method.makeHasher()
        let first = try hash(photo(1), hasher)
        #expect(first == (try hash(photo(1), hasher)))
        #expect(first.count == hasher.bitCount)
        #expect(hasher.method == method)
    }

    @Test("hex round-trips", arguments: HashMethod.allCases)
    func hexRoundTrip(method: HashMethod) throws {
        let hasher = method.makeHasher()
        let value = try hash(photo(2), hasher)
        #expect(BitHash(hex: value.hex, count: value.count) == value)
    }

    @Test("a JPEG q90 re-encode stays close", arguments: HashMethod.allCases)
    func jpegStaysClose(method: HashMethod) throws {
        let hasher = method.makeHasher()
        let original = photo(3)
        let path = folder.child("\(method.rawValue).jpg")
        try ImageEncoder().write(original, to: path + "[Q=90]")
        let (w, h) = hasher.inputSize
        let reencoded = try decoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), to: .squash(width: w, height: h)).pixels
        let distance = try hash(original, hasher).normalizedDistance(to: hasher.hash(reencoded))
        #expect(distance <= 0.1, "\(method.rawValue): \(distance)")
    }

    @Test("a 1° rotation stays close", arguments: HashMethod.allCases)
    func smallRotationStaysClose(method: HashMethod) throws {
        let hasher = method.makeHasher()
        let original = photo(4)
        let rotated = try editor.rotated(original, degrees: 1)
        let distance = try hash(original, hasher).normalizedDistance(to: hash(rotated, hasher))
        #expect(distance <= 0.2, "\(method.rawValue): \(distance)")
    }

    @Test("unrelated images are far apart on average", arguments: HashMethod.allCases)
    func unrelatedAreFar(method: HashMethod) throws {
        let hasher = method.makeHasher()
        let hashes = try (10..<18).map { try hash(photo(UInt64($0)), hasher) }
        var distances: [Double] = []
        for i in 0..<hashes.count { for j in (i + 1)..<hashes.count { distances.append(hashes[i].normalizedDistance(to: hashes[j])) } }
        let mean = distances.reduce(0, +) / Double(distances.count)
        #expect(mean >= 0.3, "\(method.rawValue): mean distance \(mean)")
        #expect(distances.min()! > 0.1, "\(method.rawValue): closest unrelated pair \(distances.min()!)")
    }

    @Test func invalidParametersThrow() {
        #expect(throws: HashParameterError.self) { try AverageHash(size: 1) }
        #expect(throws: HashParameterError.self) { try DifferenceHash(size: 0) }
        #expect(throws: HashParameterError.self) { try PerceptualHash(size: 8, frequencyFactor: 0) }
        #expect(throws: HashParameterError.self) { try WaveletHash(size: 6) }
        #expect(throws: UnknownNameError.self) { try HashMethod(parsing: "md5") }
        #expect((try? HashMethod(parsing: "PHASH")) == .pHash)
    }
}
