import Foundation
import LikenessANN
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessTestSupport
import Testing

/// Approximate indexes saved next to the catalog: read back by the next run, topped up with the
/// images embedded since, and built again whenever what they hold no longer matches the catalog.
@Suite(.serialized) struct PersistedIndexTests {
    let folder = TemporaryDirectory("persisted-index")
    let hnsw = IndexChoice.approximate(.hnsw(HNSWParameters()))

    func context() -> JobContext {
        JobContext(catalogPath: folder.child("c.sqlite"),
                   models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary), workers: 2)
    }

    func space(_ choice: IndexChoice? = nil) throws -> EmbeddingSpace {
        let context = context()
        return try EmbeddingSpace(catalog: try Catalog(path: context.catalogPath), opened: try context.models.open(ModelDefaults.model),
                                  index: choice ?? hnsw)
    }

    func embed() throws {
        _ = try ScanJob(roots: [folder.child("photos")]).run(in: context())
        _ = try EmbedJob(folders: [folder.child("photos")]).run(in: context())
    }

    /// The paths of the three nearest images to the image at `path`, by its stored vector.
    func nearest(_ path: String, in space: EmbeddingSpace) throws -> [String] {
        let id = try #require(space.position(of: path))
        return try space.index.search([space.index.vector(at: id)], k: 3)[0].map { space.images[$0.id].path }
    }

    func saved() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.child("c.sqlite.indexes")).sorted()
    }

    @Test("an HNSW index is saved beside the catalog, read back unchanged, topped up with new images, and rebuilt when an image changed")
    func reuseTopUpRebuild() throws {
        folder.folder("photos")
        for seed in 1...4 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        try embed()
        let first = try space()
        #expect(first.indexOrigin == .built)
        let files = try saved()
        #expect(files.filter { $0.hasSuffix(".faiss") || $0.hasSuffix(".json") }.count == 2, "\(files)")

        let second = try space()
        #expect(second.indexOrigin == .loaded(added: 0))
        #expect(second.images.map(\.path) == first.images.map(\.path))
        #expect(try nearest(folder.child("photos/2.png"), in: second) == (try nearest(folder.child("photos/2.png"), in: first)))

        for seed in 5...6 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        try embed()
        let third = try space()
        #expect(third.indexOrigin == .loaded(added: 2))
        #expect(third.images.count == 6 && Array(third.images.prefix(4)) == second.images, "the saved images keep their ids; the new ones follow")
        #expect(try nearest(folder.child("photos/6.png"), in: third).first == folder.child("photos/6.png"), "a new image is found by its own vector")
        let fourth = try space(), listed = try saved()
        #expect(fourth.indexOrigin == .loaded(added: 0), "the topped-up index was saved: \(fourth.indexOrigin) \(listed)")

        // An edited image has another vector, which a graph cannot replace: the index is built again.
        try Fixtures.writePattern(to: folder.child("photos/3.png"), width: 96, height: 64, seed: 33)
        try embed()
        #expect(try space().indexOrigin == .built)
        #expect(try space().indexOrigin == .loaded(added: 0))
        #expect(try saved().filter { $0.contains(".tmp-") }.isEmpty, "no temporary file left behind")
    }

    @Test("a damaged saved index, or one whose manifest disagrees with it, is built again instead of used; exact search saves nothing; other parameters are another index")
    func damagedAndKeyed() throws {
        folder.folder("photos")
        for seed in 1...3 { try Fixtures.writePattern(to: folder.child("photos/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        try embed()
        #expect(try space(.exact).indexOrigin == .built)
        #expect(!FileManager.default.fileExists(atPath: folder.child("c.sqlite.indexes")), "exact search keeps no index")
        _ = try space()
        let faiss = try #require(try saved().first { $0.hasSuffix(".faiss") })
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: folder.child("c.sqlite.indexes/\(faiss)")))
        #expect(try space().indexOrigin == .built, "a file FAISS cannot read is rebuilt, not a crash")
        #expect(try space().indexOrigin == .loaded(added: 0))

        // A manifest naming one image fewer than the index holds (a crash between the two writes).
        let manifestPath = folder.child("c.sqlite.indexes/" + faiss.replacingOccurrences(of: ".faiss", with: ".json"))
        var manifest = try JSONDecoder().decode(PersistedIndex.Manifest.self, from: Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        manifest.entries.removeLast()
        try JSONEncoder().encode(manifest).write(to: URL(fileURLWithPath: manifestPath))
        #expect(try space().indexOrigin == .built)

        let other = IndexChoice.approximate(.hnsw(HNSWParameters(m: 16)))
        #expect(try space(other).indexOrigin == .built, "other parameters are another saved index")
        #expect(try space(other).indexOrigin == .loaded(added: 0))
        #expect(try space().indexOrigin == .loaded(added: 0), "the first one is still there")
        #expect(try saved().count == 4)
    }
}
