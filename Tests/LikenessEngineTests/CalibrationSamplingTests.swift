import Foundation
import LikenessCore
@testable import LikenessEngine
import LikenessIndex
import LikenessTestSupport
import Testing

@Suite struct StratifiedPairSamplerTests {
    /// 40 points: 8 tight clusters of 5, so the pool holds both very similar and unrelated pairs.
    func index() throws -> (paths: [String], index: ExactVectorIndex) {
        var generator = SeededRandom(seed: 11)
        var vectors: [[Float]] = []
        for _ in 0..<8 {
            let centre = (0..<16).map { _ in Float(generator.nextUnit() - 0.5) }
            for _ in 0..<5 { vectors.append(centre.map { $0 + Float(generator.nextUnit() - 0.5) * 0.15 }) }
        }
        var index = ExactVectorIndex(dimension: 16, metric: .cosine)
        try index.add(vectors)
        return ((0..<40).map { "img\($0).png" }, index)
    }

    @Test("distinct pairs, spread over the similarity range, repeatable with the seed")
    func spread() throws {
        let (paths, index) = try index()
        let sampler = StratifiedPairSampler(count: 60, bins: 6, seed: 3)
        let pairs = sampler.sample(paths: paths, index: index)
        #expect(pairs.count == 60)
        #expect(Set(pairs.map { [$0.a, $0.b].sorted() }).count == 60, "no pair twice")
        #expect(pairs.allSatisfy { $0.a != $0.b })
        // Far more pairs are unrelated than related, yet the sample holds plenty of both.
        let close = pairs.filter { $0.similarity > 0.8 }.count
        let far = pairs.filter { $0.similarity < 0.3 }.count
        #expect(close >= 10 && far >= 10, "close \(close), far \(far)")
        #expect(sampler.sample(paths: paths, index: index) == pairs)
        #expect(StratifiedPairSampler(count: 60, bins: 6, seed: 4).sample(paths: paths, index: index) != pairs)
    }

    @Test("asking for more pairs than exist returns each pair once")
    func exhausts() throws {
        var index = ExactVectorIndex(dimension: 2, metric: .cosine)
        try index.add([[1, 0], [0, 1], [1, 1]])
        let pairs = StratifiedPairSampler(count: 50).sample(paths: ["a", "b", "c"], index: index)
        #expect(pairs.count == 3)
    }
}

@Suite struct ClassPairSamplerTests {
    let folder = TemporaryDirectory("class-pairs")

    @Test("balanced, labelled by folder, no repeats, seeded; files at the top level have no class")
    func sample() throws {
        for c in ["cats", "dogs", "owls"] {
            _ = folder.folder(c)
            for i in 0..<4 { folder.file("\(c)/\(i).png", bytes: [0]) }
        }
        folder.file("loose.png", bytes: [0])
        let pairs = try ClassPairSampler(pairsPerKind: 10, seed: 2).sample(root: folder.path)
        #expect(pairs.filter(\.same).count == 10 && pairs.filter { !$0.same }.count == 10)
        func kind(_ path: String) -> String { ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent }
        #expect(pairs.allSatisfy { ($0.same) == (kind($0.a) == kind($0.b)) })
        #expect(!pairs.contains { $0.a.hasSuffix("loose.png") || $0.b.hasSuffix("loose.png") })
        #expect(Set(pairs.map { [$0.a, $0.b].sorted() }).count == 20)
        #expect(try ClassPairSampler(pairsPerKind: 10, seed: 2).sample(root: folder.path) == pairs)
        // Only 3 × 6 = 18 same-class pairs exist.
        #expect(try ClassPairSampler(pairsPerKind: 100).sample(root: folder.path).filter(\.same).count == 18)
    }

    @Test("one class, or classes of one image, are refused with the reason")
    func refusals() throws {
        _ = folder.folder("only")
        folder.file("only/a.png", bytes: [0])
        folder.file("only/b.png", bytes: [0])
        #expect(throws: ClassPairSampler.SamplerError.tooFewClasses(root: folder.path, found: 1)) {
            try ClassPairSampler().sample(root: folder.path)
        }
        let singles = TemporaryDirectory("class-singles")
        for c in ["x", "y"] { _ = singles.folder(c); singles.file("\(c)/1.png", bytes: [0]) }
        #expect(throws: ClassPairSampler.SamplerError.noPositivePairs(root: singles.path)) {
            try ClassPairSampler().sample(root: singles.path)
        }
    }
}

@Suite struct LabelledPairsTests {
    @Test("labels, quoting, header, unlabelled and bad rows")
    func parse() {
        let text = """
            path_a,path_b,label
            a.png,b.png,same
            "c,1.png",d.png,0
            e.png,f.png,
            g.png,h.png,maybe
            only-one-field
            """
        let parsed = LabelledPairs.parsePairs(text)
        #expect(parsed.pairs == [LabelledPair(a: "a.png", b: "b.png", same: true), LabelledPair(a: "c,1.png", b: "d.png", same: false)])
        #expect(parsed.unlabelled == 1)
        #expect(parsed.skipped.count == 2)
        #expect(CSV.rows(CSV.line(["x\"y", "p,q", "z"])) == [["x\"y", "p,q", "z"]], "quoting round-trips")
    }
}
