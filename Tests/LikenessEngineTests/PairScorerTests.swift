import Foundation
import LikenessCore
import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct PairScorerTests {
    let folder = TemporaryDirectory("pair-scorer")

    /// Two patterns, a JPEG copy of the first, and a missing file.
    func fixtures() throws -> (a: String, copy: String, b: String, missing: String) {
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        let first = try editor.apply(.blur(sigma: 4), to: Fixtures.pattern(width: 160, height: 120, seed: 1))
        let second = try editor.apply(.blur(sigma: 4), to: Fixtures.pattern(width: 160, height: 120, seed: 2))
        try encoder.write(first, to: folder.child("a.png"))
        try encoder.write(first, to: folder.child("a-copy.jpg") + "[Q=90]")
        try encoder.write(second, to: folder.child("b.png"))
        return (folder.child("a.png"), folder.child("a-copy.jpg"), folder.child("b.png"), folder.child("missing.png"))
    }

    @Test("hash scoring: negated distances in pair order, the copy closer than the other pattern; a missing file is skipped by path")
    func hash() throws {
        let f = try fixtures()
        let pairs = [LabelledPair(a: f.a, b: f.copy, same: true), LabelledPair(a: f.a, b: f.b, same: false),
                     LabelledPair(a: f.missing, b: f.a, same: true), LabelledPair(a: f.copy, b: f.a, same: true)]
        let scored = try PairScorer(scoring: .hash(.bits(.pHash)), workers: 2).scores(pairs)
        let copy = try #require(scored.scores[0]), other = try #require(scored.scores[1])
        #expect(copy <= 0 && copy > other, "copy \(copy), other \(other)")
        #expect(copy >= -8, "a JPEG copy is within a few bits")
        #expect(scored.scores[2] == nil && scored.scores[3] == copy, "the same pair either way round")
        #expect(scored.skipped.count == 1 && scored.skipped[0].hasPrefix(f.missing), "\(scored.skipped)")
        #expect(scored.vectors.isEmpty)
    }

    @Test("embedding scoring through the batch embedder: cosines, vectors per image, model failures named by path")
    func embedding() throws {
        let encoder = try ImageEncoder()
        try encoder.write(Fixtures.solid(width: 64, height: 48, rgb: (220, 30, 30)), to: folder.child("red.png"))
        try encoder.write(Fixtures.solid(width: 64, height: 48, rgb: (200, 40, 40)), to: folder.child("red2.png"))
        try encoder.write(Fixtures.solid(width: 64, height: 48, rgb: (30, 30, 220)), to: folder.child("blue.png"))
        try encoder.write(Fixtures.solid(width: 64, height: 48, rgb: (0, 0, 0)), to: folder.child("black.png"))
        let (red, red2, blue, black) = (folder.child("red.png"), folder.child("red2.png"), folder.child("blue.png"), folder.child("black.png"))
        let input = try EmbeddingInput(manifest: try ModelLocator.fromEnvironment().registry.manifest(ModelDefaults.model))
        let scorer = PairScorer(scoring: .embedding(MeanColourModel(), input), workers: 2, batchSize: 2)
        let pairs = [LabelledPair(a: red, b: red2, same: true), LabelledPair(a: red, b: blue, same: false),
                     LabelledPair(a: black, b: red, same: false)]
        let scored = try scorer.scores(pairs)
        #expect(try #require(scored.scores[0]) > 0.99)
        #expect(try #require(scored.scores[1]) < 0.4)
        #expect(scored.scores[2] == nil)
        #expect(Set(scored.vectors.keys) == [red, red2, blue] && scored.vectors[red]?.count == 3)
        #expect(scored.skipped == ["\(black): zero vector"])
        #expect(PairScoring.embedding(MeanColourModel(), input).fingerprint == "0123456789abcdef")
    }

    @Test("a cancelled token stops scoring with .cancelled")
    func cancelled() throws {
        let f = try fixtures()
        let token = CancellationToken()
        token.cancel()
        let pairs = [LabelledPair(a: f.a, b: f.b, same: false)]
        #expect(throws: JobError.self) { try PairScorer(scoring: .hash(.bits(.pHash))).scores(pairs, cancellation: token) }
        do { _ = try PairScorer(scoring: .hash(.bits(.dHash))).scores(pairs, cancellation: token) } catch { #expect(error.isCancellation) }
    }
}
