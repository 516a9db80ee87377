import Foundation
import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

extension CatalogStoreConformanceTests {
    @Test("thousands of vectors, hashes and signals in one call are all stored; of two values for one key the last stays",
          arguments: StoreKind.allCases)
    func manyRowsAtOnce(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            // More rows than one PostgreSQL statement takes, so the batches' seams are crossed.
            let count = 2_345
            try store.record((0..<count).map { entry("/many/\($0).png", content: "\($0)") })
            let ids = try store.allImages().map(\.id).sorted()
            #expect(ids.count == count)
            // One path twice in one call: the later entry is what stays.
            try store.record([entry("/many/twice.png", content: "first"), entry("/many/twice.png", content: "second", size: 20)])
            #expect(try store.image(at: "/many/twice.png")?.contentHash == self.hash("second"))
            #expect(try store.allImages().count == count + 1)
            func vector(_ i: Int) -> [Float] { [Float(i), -Float(i) / 7, 1 / Float(i + 1)] }
            func hash(_ i: Int) -> BitHash { BitHash(bits: (0..<64).map { ($0 * 31 + i) % 3 == 0 }) }
            // Each list names its first id again at the end with another value.
            try store.storeEmbeddings(ids.enumerated().map { ($1, vector($0)) } + [(ids[0], [9, 9, 9])], model: "m", fingerprint: "f")
            try store.storeHashes(ids.enumerated().flatMap { i, id in [(id, HashMethod.pHash, hash(i)), (id, HashMethod.dHash, hash(i + 1))] }
                                  + [(ids[0], .pHash, hash(-1))])
            try store.storeFeatures(ids.enumerated().map { ($1, FeatureHash(method: .colorMoments, values: [Double($0), 0.5])) }
                                    + [(ids[0], FeatureHash(method: .colorMoments, values: [-1]))])
            try store.storeSignals(.sharpness, version: 2, ids.enumerated().map { ($1, Data([UInt8($0 % 256), UInt8($0 / 256)])) } + [(ids[0], Data([7]))])

            let vectors = try store.embeddings(model: "m", fingerprint: "f")
            #expect(vectors.count == count)
            #expect(vectors[ids[0]] == [9, 9, 9])
            #expect(ids.enumerated().dropFirst().allSatisfy { vectors[$1] == vector($0) })
            let pHashes = try store.hashes(.pHash), dHashes = try store.hashes(.dHash)
            #expect(pHashes.count == count && dHashes.count == count)
            #expect(pHashes[ids[0]] == hash(-1) && dHashes[ids[0]] == hash(1))
            #expect(ids.enumerated().dropFirst().allSatisfy { pHashes[$1] == hash($0) && dHashes[$1] == hash($0 + 1) })
            let features = try store.features(.colorMoments)
            #expect(features.count == count && features[ids[0]]?.values == [-1])
            #expect(ids.enumerated().dropFirst().allSatisfy { features[$1]?.values == [Double($0), 0.5] })
            let signals = try store.signals(.sharpness, version: 2, for: ids)
            #expect(signals.count == count && signals[ids[0]] == Data([7]))
            #expect(ids.enumerated().dropFirst().allSatisfy { signals[$1] == Data([UInt8($0 % 256), UInt8($0 / 256)]) })
        }
    }
}
