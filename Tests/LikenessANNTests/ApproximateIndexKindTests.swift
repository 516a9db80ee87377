import LikenessANN
import Testing

/// Index strings parse once into kinds; bad ones are typed errors that say what is valid.
@Suite struct ApproximateIndexKindTests {
    @Test("names alone give the documented defaults")
    func defaults() throws {
        #expect(try ApproximateIndexKind(parsing: "hnsw") == .hnsw(HNSWParameters(m: 32, efConstruction: 64, efSearch: 64)))
        #expect(try ApproximateIndexKind(parsing: "ivf") == .ivfFlat(IVFParameters(nlist: 1024, nprobe: 32, trainingSize: 39 * 1024)))
        #expect(try ApproximateIndexKind(parsing: "ivfpq") == .ivfPQ(IVFPQParameters(ivf: IVFParameters(), m: 64, nbits: 8)))
    }

    @Test("keys set parameters, case-insensitively, and the canonical text parses back")
    func keys() throws {
        let hnsw = try ApproximateIndexKind(parsing: "hnsw:M=16,ef=128,efConstruction=200")
        #expect(hnsw == .hnsw(HNSWParameters(m: 16, efConstruction: 200, efSearch: 128)))
        let pq = try ApproximateIndexKind(parsing: "ivfpq:nlist=256,nprobe=8,m=32,nbits=6,train=20000")
        #expect(pq == .ivfPQ(IVFPQParameters(ivf: IVFParameters(nlist: 256, nprobe: 8, trainingSize: 20_000), m: 32, nbits: 6)))
        for kind in [hnsw, pq, try ApproximateIndexKind(parsing: "ivf:nlist=10")] {
            #expect(try ApproximateIndexKind(parsing: kind.text) == kind, "\(kind.text)")
        }
    }

    @Test("unknown names, keys and values are refused with what is valid")
    func refusals() {
        #expect(throws: ANNError.unknownIndex("annoy", valid: ["hnsw", "ivf", "ivfpq"])) { try ApproximateIndexKind(parsing: "annoy") }
        #expect(throws: ANNError.self) { try ApproximateIndexKind(parsing: "hnsw:nprobe=3") }
        #expect(throws: ANNError.self) { try ApproximateIndexKind(parsing: "hnsw:m=many") }
        do {
            _ = try ApproximateIndexKind(parsing: "hnsw:nlist=3")
        } catch {
            #expect(error.description.contains("valid: m, efconstruction"), "\(error)")
        }
    }

    @Test("parameters that do not fit the dimension are refused before FAISS sees them")
    func validation() {
        let pq = ApproximateIndexKind.ivfPQ(IVFPQParameters(ivf: IVFParameters(nlist: 4), m: 7))
        #expect(throws: ANNError.invalidParameter(name: "m", value: "7", reason: "must divide the dimension 16")) {
            try ApproximateVectorIndex(dimension: 16, metric: .cosine, kind: pq)
        }
        #expect(throws: ANNError.invalidParameter(name: "m", value: "1", reason: "must be at least 2")) {
            try ApproximateVectorIndex(dimension: 16, kind: .hnsw(HNSWParameters(m: 1)))
        }
        #expect(throws: ANNError.invalidParameter(name: "nlist", value: "0", reason: "must be at least 1")) {
            try ApproximateVectorIndex(dimension: 16, kind: .ivfFlat(IVFParameters(nlist: 0, trainingSize: 10)))
        }
        #expect(throws: ANNError.invalidParameter(name: "train", value: "100", reason: "must be at least 2^nbits (256)")) {
            try ApproximateVectorIndex(dimension: 16, kind: .ivfPQ(IVFPQParameters(ivf: IVFParameters(nlist: 4, trainingSize: 100), m: 4)))
        }
    }
}
