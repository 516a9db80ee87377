import Foundation
import LikenessCore
@testable import LikenessLab
import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct RobustnessBenchmarkTests {
    let folder = TemporaryDirectory("robustness")

    @Test("pair counts, a harmless edit at full recall, a quarter turn broken for aHash")
    func smallRun() throws {
        for seed in 1...4 { try Fixtures.writePattern(to: folder.child("p\(seed).png"), width: 160, height: 120, seed: UInt64(seed)) }
        let configuration = RobustnessConfiguration(edits: [.jpeg(quality: 90), .quarterTurn(1)], methods: [.bits(.aHash), .bits(.pHash)],
                                                    workingSize: 128, workers: 2)
        let result = try RobustnessBenchmark(configuration: configuration).run([folder.path])
        #expect(result.photos == 4 && result.images == 12)
        #expect(result.positivePairs == 4 * 3)
        #expect(result.negativePairs == 12 * 11 / 2 - 12)
        #expect(result.edits == ["jpeg q90", "rotate 90° (quarter turn)"])
        let aHash = try #require(result.methods.first { $0.method == .bits(.aHash) })
        #expect(aHash.recallByEdit[0] == 1)
        #expect(aHash.best.f1 > 0 && aHash.best.f1 <= 1)
        #expect(aHash.recallByEdit[1] <= aHash.recallByEdit[0])
        #expect((0...64).contains(aHash.best.threshold))
    }

    @Test("with only a mild edit, seeded distinct photos separate perfectly")
    func separable() throws {
        for seed in 1...5 { try Fixtures.writePattern(to: folder.child("s\(seed).png"), width: 160, height: 120, seed: UInt64(seed)) }
        let configuration = RobustnessConfiguration(edits: [.jpeg(quality: 90)], methods: [.bits(.pHash), .features(.colorMoments)], workingSize: 128, workers: 1)
        let result = try RobustnessBenchmark(configuration: configuration).run([folder.path])
        #expect(result.methods.map(\.method) == [.bits(.pHash), .features(.colorMoments)], "in the order asked for")
        for method in result.methods {
            #expect(method.best.f1 == 1, "\(method.method)")
            #expect(method.recallByEdit == [1], "\(method.method)")
        }
        #expect(result.methods[1].bits == nil && result.methods[1].best.threshold > 0)
    }

    @Test("--export writes every version into a folder per photo")
    func exports() throws {
        _ = folder.folder("in")
        for seed in 1...2 { try Fixtures.writePattern(to: folder.child("in/p\(seed).png"), width: 96, height: 72, seed: UInt64(seed)) }
        let out = folder.child("out")
        let configuration = RobustnessConfiguration(edits: [.flip, .jpeg(quality: 50)], methods: [.bits(.pHash)], workingSize: 96, workers: 2, exportDirectory: out)
        _ = try RobustnessBenchmark(configuration: configuration).run([folder.child("in")])
        let folders = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(folders == ["000-p1", "001-p2"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/000-p1").sorted() == ["00-original.png", "01-flip.png", "02-jpeg_q50.png"])
    }

    @Test("distractors add only negatives and are not edited")
    func distractors() throws {
        let photos = folder.folder("photos")
        let others = folder.folder("others")
        for seed in 1...3 { try Fixtures.writePattern(to: folder.child("photos/p\(seed).png"), width: 96, height: 72, seed: UInt64(seed)) }
        for seed in 10...13 { try Fixtures.writePattern(to: folder.child("others/d\(seed).png"), width: 96, height: 72, seed: UInt64(seed)) }
        let configuration = RobustnessConfiguration(edits: [.flip, .jpeg(quality: 50)], methods: [.bits(.pHash)], workingSize: 96, workers: 2)
        let result = try RobustnessBenchmark(configuration: configuration).run([photos], distractors: [others])
        #expect((result.photos, result.distractors, result.images) == (3, 4, 13))
        #expect(result.positivePairs == 3 * 3)
        #expect(result.negativePairs == 13 * 12 / 2 - 9)
    }

    @Test("an unreadable photo is skipped and reported")
    func skipsBadFiles() throws {
        try Fixtures.writePattern(to: folder.child("good.png"), seed: 1)
        try Fixtures.writePattern(to: folder.child("good2.png"), seed: 2)
        folder.file("bad.jpg", bytes: Array("no".utf8))
        let result = try RobustnessBenchmark(configuration: RobustnessConfiguration(edits: [.flip], methods: [.bits(.dHash)], workingSize: 64))
            .run([folder.path])
        #expect(result.photos == 2)
        #expect(result.failures.map(\.kind) == [.notAnImage])
    }
}
