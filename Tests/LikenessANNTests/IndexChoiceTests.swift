import LikenessANN
import Testing

/// `--index auto` resolves by size and by what the job asks of the index.
@Suite struct IndexChoiceTests {
    @Test("auto is exact below the size, then an inverted file probed less for near-duplicates than for rankings")
    func autoByPurpose() throws {
        let auto = try IndexChoice(parsing: "auto")
        let small = IndexChoice.autoExactBelow - 1, large = IndexChoice.autoExactBelow
        #expect(auto.resolved(count: small, for: .nearDuplicates) == .exact)
        #expect(auto.resolved(count: small, for: .ranking) == .exact)
        #expect(auto.resolved(count: large, for: .nearDuplicates) == .approximate(.ivfFlat(IVFParameters(nprobe: IndexChoice.nearDuplicateProbes))))
        #expect(auto.resolved(count: large, for: .ranking) == .approximate(.ivfFlat(IVFParameters())))
        #expect(auto.resolved(count: large) == auto.resolved(count: large, for: .nearDuplicates))
        // A choice the user spelled out is kept whatever the size or purpose.
        let hnsw = try IndexChoice(parsing: "hnsw:ef=128")
        #expect(hnsw.resolved(count: large, for: .ranking) == hnsw)
        #expect(IndexChoice.exact.resolved(count: large, for: .ranking) == .exact)
    }
}
