import LikenessCore
import LikenessHashing
import LikenessImaging
import LikenessTestSupport
import Testing

/// Pinned hashes of generated fixtures: any change to a definition, the resampler or the fixture
/// generator shows up here. Regenerate deliberately, never to make a failure go away.
@Suite struct GoldenHashTests {
    static let pinned: [HashMethod: String] = [
        .aHash: "8cccc0a03037fbfc", // one bit from "8ccce0a0…" since libvips runs without Orc (its vector resize rounds differently)
        .dHash: "1818014163660600",
        .pHash: "df5ad0855af0a54a",
        .wHash: "8ccce0a0303bfbfc",
        .blockMean: "c0f0e0f0e0f0f0e0f800f800fc009e008f000f028f8f9fceffceffe0fff0fff8",
        .blockMeanOverlap: "e000fe01e003fc03e007fc07e00ff80fc01fe01fc01fc03fc03f007f803c00ff800001ff800003ff800007ff00000fff00001fff000030fe000040fe000080fe000001fc000003fc003007fc0de80ffc1ff03ff83fb0fff87f7bfff8fefffff0f9fffff0e3fffff007fffff00fffffe01fffffe03fffffe00",
    ]

    @Test("pinned values", arguments: HashMethod.allCases)
    func golden(method: HashMethod) throws {
        let computer = try LikenessHashingGolden.computer()
        let index = HashMethod.allCases.firstIndex(of: method)!
        let value = try computer(Fixtures.pattern(width: 320, height: 240, seed: 2024))[index]
        #expect(Self.pinned[method] == value.hex)
    }
}

enum LikenessHashingGolden {
    /// Resamples to each method's input with libvips and hashes, as the engine's HashComputer does.
    static func computer() throws -> (PixelBuffer) throws -> [BitHash] {
        let editor = try ImageEditor()
        return { pixels in
            try HashMethod.allCases.map { method in
                let hasher = method.makeHasher()
                let (w, h) = hasher.inputSize
                return hasher.hash(try editor.resized(pixels, to: .squash(width: w, height: h)))
            }
        }
    }
}
