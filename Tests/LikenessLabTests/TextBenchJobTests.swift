import Foundation
import LikenessEngine
import LikenessLab
import LikenessTestSupport
import Testing

@Suite struct TextBenchJobTests {
    let folder = TemporaryDirectory("text-bench")

    @Test("bench text sums the metric over every pair; a line without a tab is refused")
    func checksum() throws {
        let pairs = folder.file("pairs.tsv", bytes: Array("kitten\tsitting\nflaw\tlawn\n\tabc\n".utf8))
        let result = try TextBenchJob(path: pairs, repeats: 2).run(in: JobContext(workers: 1))
        #expect(result.pairs == 3)
        #expect(result.checksum == 3 + 2 + 3)
        let bad = folder.file("bad.tsv", bytes: Array("no tab here\n".utf8))
        #expect(throws: JobError.self) { try TextBenchJob(path: bad).run(in: JobContext(workers: 1)) }
    }
}
