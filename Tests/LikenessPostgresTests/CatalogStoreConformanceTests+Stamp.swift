import Foundation
import LikenessCatalog
import LikenessCore
import LikenessTestSupport
import Testing

extension CatalogStoreConformanceTests {
    @Test("the content stamp moves with every write a search sees and stays with reads and writes it does not see",
          arguments: StoreKind.allCases)
    func contentStamp(kind: StoreKind) throws {
        try OpenedStore.with(kind) { store in
            var last = try store.contentStamp()
            #expect(last.images == 0 && last.vectors.isEmpty)
            /// Runs `write` and checks whether the stamp moved.
            func after(_ what: String, moves: Bool, _ write: () throws -> Void) throws {
                try write()
                let now = try store.contentStamp()
                #expect((now != last) == moves, "\(what): \(last) → \(now)")
                last = now
            }
            try after("a new image", moves: true) { try store.record([entry("/s/1.png", content: "1"), entry("/s/2.png", content: "2")]) }
            let ids = try store.allImages().map(\.id)
            try after("reads", moves: false) { _ = try store.allImages(); _ = try store.embeddings(model: "m", fingerprint: "f") }
            try after("a vector", moves: true) { try store.storeEmbeddings([(ids[0], [1, 2])], model: "m", fingerprint: "f") }
            try after("signals, hashes and decisions", moves: false) {
                try store.storeSignals(.sharpness, version: 1, [(ids[0], Data([1]))])
                try store.storeHashes([(ids[0], .pHash, BitHash(bits: [true, false]))])
            }
            try after("the same vector under new weights", moves: true) { try store.storeEmbeddings([(ids[0], [1, 2])], model: "m", fingerprint: "g") }
            try after("a file marked gone", moves: true) { try store.markGone(["/s/2.png"]) }
            // Scan times are seconds; a file read again a moment later is still told apart.
            Thread.sleep(forTimeInterval: 0.01)
            try after("a file read again", moves: true) { try store.record([entry("/s/2.png", content: "2b", size: 11)]) }
        }
    }
}
