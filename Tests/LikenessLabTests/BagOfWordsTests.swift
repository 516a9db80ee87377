import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessEngine
import LikenessImaging
@testable import LikenessLab
import LikenessMatching
import LikenessTestSupport
import Testing

@Suite struct BagOfWordsTests {
    let folder = TemporaryDirectory("bovw")

    /// A descriptor whose four words are `prototype`'s with `flips` seeded bits changed.
    func near(_ prototype: UInt64, flips: Int, _ random: inout SeededRandom) -> BinaryDescriptor {
        var words = [prototype, ~prototype, prototype &* 31, prototype ^ 0xF0F0]
        for _ in 0..<flips { words[random.int(in: 0..<4)] ^= 1 << UInt64(random.int(in: 0..<64)) }
        return BinaryDescriptor(words[0], words[1], words[2], words[3])
    }

    @Test("a codebook over two families of descriptors: images of one family share words, idf weighs rare words, no descriptors give the zero bag")
    func vocabulary() throws {
        var random = SeededRandom(seed: 3)
        let prototypes: [UInt64] = [0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210, 0x0F0F_0F0F_0F0F_0F0F, 0xAAAA_5555_AAAA_5555]
        // Images 0–2 hold descriptors near prototypes 0 and 1, images 3–5 near 2 and 3; image 6 failed, image 7 has none.
        var images: [[BinaryDescriptor]?] = (0..<6).map { image in
            let family = image < 3 ? [0, 1] : [2, 3]
            return (0..<40).map { n in near(prototypes[family[n % 2]], flips: 6, &random) }
        }
        images += [nil, []]
        let (vocabulary, words) = try VisualVocabulary.train(words: 4, on: images)
        #expect(vocabulary.count == 4 && words.count == 8 && words[6] == nil && words[7] == [])
        let bags = words.map { $0.map(vocabulary.bag(ofWords:)) }
        func cosine(_ a: Int, _ b: Int) -> Float { zip(bags[a]!, bags[b]!).reduce(0) { $0 + $1.0 * $1.1 } }
        #expect(cosine(0, 1) > 0.99 && cosine(3, 5) > 0.99 && cosine(0, 4) < 0.01)
        // Each word is in 3 of the 7 images read (image 7 has no words): idf ln(7/3).
        for idf in vocabulary.inverseDocumentFrequency { #expect(abs(idf - Float(log(7.0 / 3))) < 1e-5) }
        #expect(bags[7]!.allSatisfy { $0 == 0 } && bags[7]!.count == 4)
        #expect(abs(bags[0]!.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(throws: FitError.tooFewPoints(points: 3, needed: 4)) {
            try VisualVocabulary.train(words: 4, on: [[near(1, flips: 0, &random)], [near(2, flips: 0, &random), near(3, flips: 0, &random)]])
        }
    }

    @Test("bovw and histogram:emd / histogram:chi2 parse, name themselves and keep their own metric")
    func names() throws {
        #expect(try EvalMethod(parsing: "bovw", models: []) == .bagOfWords(words: VisualVocabulary.defaultWords))
        #expect(try EvalMethod(parsing: "bovw:64", models: []).name == "bovw:64")
        #expect(try EvalMethod(parsing: "histogram:emd", models: []) == .comparedHistogram(.emd))
        #expect(try EvalMethod(parsing: "histogram:chi-square", models: []).name == "histogram:chi2")
        #expect(EvalMethod.comparedHistogram(.emd).ownMetric == .emd && EvalMethod.histogram.ownMetric == nil)
        #expect(EvalMethod.histogram.groundDistance != nil && EvalMethod.pixels.groundDistance == nil)
        #expect(EvalMethod.bagOfWords(words: 8).featureKind == .nonNegative)
        for bad in ["bovw:1", "bovw:x", "bovw:99999", "histogram:cosine", "histogram:hamming", "histogram:nope"] {
            #expect(throws: UnknownNameError.self, "\(bad)") { try EvalMethod(parsing: bad, models: []) }
        }
        #expect(EvalMethod.names(models: []).contains("bovw:K") && EvalMethod.names(models: []).contains("histogram:emd"))
    }

    @Test("eval end to end: bags of words find crops of the same scene; the HSV EMD finds same-colour images whatever --metric says")
    func evalEndToEnd() throws {
        // Two scenes of corners, four overlapping crops of each. 30 rectangles rather than a
        // crowd keep the descriptors (and so the debug build's k-means) few; 64 words, so that
        // words are not in every image (a word in all of them has idf 0).
        let encoder = try ImageEncoder()
        for (scene, seed) in [("a", UInt64(11)), ("b", UInt64(12))] {
            let full = Fixtures.rectangles(width: 320, height: 320, count: 30, seed: seed)
            try FileManager.default.createDirectory(atPath: folder.child("scenes", scene), withIntermediateDirectories: true)
            for (n, (x, y)) in [(0, 0), (40, 0), (0, 40), (40, 40)].enumerated() {
                try encoder.write(crop(full, x: x, y: y, side: 280), to: folder.child("scenes", scene, "\(n).png"))
            }
        }
        let scenes = try EvalJob(dataset: folder.child("scenes"), methods: [.bagOfWords(words: 64)], ks: [1]).run(in: JobContext(workers: 2))
        #expect(scenes.methods[0].method == "bovw:64" && scenes.methods[0].precision[1] == 1, "\(scenes.methods)")

        let colours = folder.child("colours")
        try Fixtures.writeColourClasses(in: colours, classes: [("red", (210, 40, 40)), ("teal", (40, 170, 160)), ("grey", (128, 128, 128))], perClass: 3)
        let result = try EvalJob(dataset: colours, methods: [.comparedHistogram(.emd), .comparedHistogram(.chiSquare), .histogram], ks: [1],
                                 metric: .manhattan).run(in: JobContext(workers: 2))
        #expect(result.methods.map(\.method) == ["histogram:emd", "histogram:chi2", "histogram (manhattan)"])
        for scores in result.methods { #expect(scores.precision[1] == 1, "\(scores.method)") }
        // With --metric emd the plain histogram is compared by the same ground distance.
        let emd = try EvalJob(dataset: colours, methods: [.histogram], ks: [1], metric: .emd).run(in: JobContext(workers: 1))
        #expect(emd.methods[0].precision[1] == 1 && emd.methods[0].meanAveragePrecision == result.methods[0].meanAveragePrecision)
    }

    /// The `side × side` square of `image` from (x, y).
    func crop(_ image: PixelBuffer, x: Int, y: Int, side: Int) -> PixelBuffer {
        var bytes: [UInt8] = []
        for row in y..<(y + side) { bytes += image.bytes[((row * image.width + x) * 3)..<((row * image.width + x + side) * 3)] }
        return PixelBuffer(width: side, height: side, bytes: bytes)
    }
}
