import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEmbedding
import LikenessEngine
import LikenessTestSupport
import Testing

/// Scanning and embedding, the jobs that fill a catalog, give the same catalog over every store.
@Suite(.serialized) struct StoreJobsTests {
    let folder = TemporaryDirectory("store-jobs")

    func tinyModel() throws -> (ONNXEmbeddingModel, EmbeddingInput) {
        let runtime = try ONNXRuntime.load(libraryPath: TestModels.runtimeLibrary)
        let manifest = try ModelManifest.load(from: TestModels.tinyManifest("resnet-tiny"))
        return (try ONNXEmbeddingModel(manifest: manifest, modelsDirectory: TestModels.tinyDirectory, runtime: runtime),
                try EmbeddingInput(manifest: manifest))
    }

    /// Five patterns and a file that is not an image.
    func photos() throws -> String {
        let photos = folder.folder("photos")
        for seed in 1...5 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 64, height: 48, seed: UInt64(seed)) }
        folder.file("photos/notes.jpg", bytes: Array("not an image".utf8))
        return photos
    }

    @Test("a scan, a re-scan and a vanished file count the same on every store", arguments: StoreKind.allCases)
    func scan(kind: StoreKind) throws {
        let opened = try OpenedStore(kind)
        let photos = try photos()
        let scanner = try CatalogScanner(catalog: opened.store)
        let first = try scanner.scan([photos])
        #expect((first.new, first.images, first.failedCount) == (6, 5, 1))
        let second = try scanner.scan([photos])
        #expect((second.new, second.unchanged, second.gone) == (0, 6, 0))
        try FileManager.default.removeItem(atPath: folder.child("photos/5.png"))
        let third = try scanner.scan([photos])
        #expect((third.unchanged, third.gone) == (5, 1))
        #expect(try opened.store.usableImages(under: nil).map { ($0.path as NSString).lastPathComponent } == ["1.png", "2.png", "3.png", "4.png"])
        #expect(try opened.store.image(at: folder.child("photos/notes.jpg"))?.failure?.kind == .notAnImage)
    }

    @Test("the embedding indexer stores the same vectors on every store, and a second run has nothing to do")
    func embed() throws {
        let photos = try photos()
        let (model, input) = try tinyModel()
        var vectorsByStore: [StoreKind: [String: [Float]]] = [:]
        for kind in StoreKind.allCases {
            let opened = try OpenedStore(kind)
            _ = try CatalogScanner(catalog: opened.store).scan([photos])
            let indexer = EmbeddingIndexer(catalog: opened.store, model: model, input: input, batchSize: 2)
            let summary = try indexer.fill()
            #expect(summary.embedded == 5, "\(kind)")
            #expect(try indexer.fill().embedded == 0, "\(kind)")
            let paths = Dictionary(uniqueKeysWithValues: try opened.store.allImages().map { ($0.id, $0.path) })
            vectorsByStore[kind] = Dictionary(uniqueKeysWithValues: try opened.store.embeddings(model: model.id, fingerprint: model.fingerprint)
                .map { (paths[$0.key]!, $0.value) })
        }
        #expect(vectorsByStore[.sqlite]?.count == 5)
        #expect(vectorsByStore[.sqlite] == vectorsByStore[.postgres])
    }
}
