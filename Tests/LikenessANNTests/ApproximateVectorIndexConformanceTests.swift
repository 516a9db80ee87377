import LikenessANN
import LikenessCore
import LikenessTestSupport
import Testing

/// Every approximate kind against the shared index contract, with recall measured instead of
/// equality. The IVF kinds are made small and train at 64 vectors, so the suite's larger sizes
/// (65, 129) run through trained cells and the smaller ones through the exact stage before training.
@Suite struct ApproximateVectorIndexConformanceTests {
    /// A kind with the recall it must reach on the suite's uniform random data.
    struct Case: Sendable, CustomTestStringConvertible {
        var kind: ApproximateIndexKind
        var recall: Double
        var testDescription: String { kind.text }
    }

    static let cases = [
        Case(kind: .hnsw(HNSWParameters(m: 16, efConstruction: 64, efSearch: 64)), recall: 0.95),
        // Every cell probed: the inverted file must lose nothing but ordering of near-ties.
        Case(kind: .ivfFlat(IVFParameters(nlist: 4, nprobe: 4, trainingSize: 64)), recall: 0.99),
        // One dimension per sub-quantiser at 6 bits: codes close to the vectors.
        Case(kind: .ivfPQ(IVFPQParameters(ivf: IVFParameters(nlist: 2, nprobe: 2, trainingSize: 64), m: 16, nbits: 6)), recall: 0.8),
    ]

    @Test("the index contract holds with recall", arguments: cases, VectorIndexConformance.checks(for: .recall(atLeast: 0.9)))
    func conforms(test: Case, check: VectorIndexConformance.Check) throws {
        let suite = VectorIndexConformance(expectation: .recall(atLeast: test.recall), sizes: [1, 2, 63, 65, 129], queryCounts: [1, 9]) { dimension, metric in
            try! ApproximateVectorIndex(dimension: dimension, metric: metric, kind: test.kind)
        }
        try suite.run(check)
    }
}
