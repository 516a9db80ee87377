import Foundation
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// A scan that reads headers only (``PixelCheck/deferred``) followed by the embedding pass must
/// leave the catalog as a scan that decodes thumbnails leaves it: every file that cannot be
/// decoded recorded as failed, with the same kind.
@Suite(.serialized) struct DeferredPixelCheckTests {
    let folder = TemporaryDirectory("deferred")

    /// Good PNG, JPEG and WebP files, a PNG and a JPEG cut in half (their headers intact), an
    /// empty file and a text file named like a JPEG.
    func makeMixedFolder() throws -> String {
        let mixed = folder.folder("mixed")
        for (seed, name) in ["a.png", "b.jpg", "c.webp", "d.png"].enumerated() {
            try Fixtures.writePattern(to: folder.child("mixed/\(name)"), width: 120, height: 80, seed: UInt64(seed + 1))
        }
        for name in ["whole.png", "whole.jpg"] {
            let path = try Fixtures.writePattern(to: folder.child("mixed/\(name)"), width: 256, height: 256, seed: 9)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            try FileManager.default.removeItem(atPath: path)
            folder.file("mixed/cut-\(name)", bytes: Array(bytes.prefix(bytes.count / 2)))
        }
        folder.file("mixed/empty.jpg", bytes: [])
        folder.file("mixed/notes.jpg", bytes: Array("meeting notes\n".utf8))
        return mixed
    }

    func scan(_ root: String, into catalog: Catalog, pixels: PixelCheck) throws -> ScanSummary {
        try CatalogScanner(catalog: catalog, configuration: ScanConfiguration(workers: 2, pixelCheck: pixels)).scan([root])
    }

    func byName(_ catalog: Catalog) throws -> [String: CatalogImage] {
        Dictionary(uniqueKeysWithValues: try catalog.allImages().map { (($0.path as NSString).lastPathComponent, $0) })
    }

    @Test("a header-only scan records the cut files as images; the embedding pass then records them failed, as a decoding scan does")
    func sameEndState() throws {
        let mixed = try makeMixedFolder()
        let decoding = try Catalog(path: folder.child("decoding.sqlite"))
        let standard = try scan(mixed, into: decoding, pixels: .standard)
        #expect(standard.failed == [.emptyFile: 1, .notAnImage: 1, .corruptImage: 2])

        let deferring = try Catalog(path: folder.child("deferring.sqlite"))
        let deferred = try scan(mixed, into: deferring, pixels: .deferred)
        // The header shows an empty file and text; the cut files' headers are whole.
        #expect(deferred.failed == [.emptyFile: 1, .notAnImage: 1])
        #expect(deferred.images == 6)
        // Size and format come from the header alone and equal what the decoding scan recorded.
        let (before, headerOnly) = (try byName(decoding), try byName(deferring))
        for name in ["a.png", "b.jpg", "c.webp", "d.png"] {
            #expect(headerOnly[name]?.info != nil && headerOnly[name]?.info == before[name]?.info, "\(name)")
            #expect(headerOnly[name]?.contentHash == before[name]?.contentHash)
        }

        let (model, input) = try TestModels.tinyResNet()
        let filled = try EmbeddingIndexer(catalog: deferring, model: model, input: input, batchSize: 3).fill()
        #expect(filled.embedded == 4)
        #expect(Set(filled.skipped.map { ($0.path as NSString).lastPathComponent }) == ["cut-whole.png", "cut-whole.jpg"])
        // Now the catalog says what the decoding scan said, file by file.
        let after = try byName(deferring)
        #expect(Set(after.keys) == Set(before.keys))
        for (name, image) in before {
            #expect(after[name]?.failure?.kind == image.failure?.kind, "\(name)")
            #expect(after[name]?.contentHash == image.contentHash, "\(name)")
        }
        let usable = try decoding.usableImages().count
        #expect(try deferring.usableImages().count == usable)
        // Neither a second embedding pass nor a re-scan tries the cut files again.
        let again = try EmbeddingIndexer(catalog: deferring, model: model, input: input).fill()
        #expect(again.embedded == 0 && again.skipped.isEmpty)
        let rescan = try scan(mixed, into: deferring, pixels: .deferred)
        #expect(rescan.processed == 0)
    }

    @Test("hashing is a pixel check too: after a header-only scan it records the cut files failed, as a decoding scan does")
    func hashingChecksPixels() throws {
        let mixed = try makeMixedFolder()
        let decoding = try Catalog(path: folder.child("decoding.sqlite"))
        _ = try scan(mixed, into: decoding, pixels: .standard)
        let deferring = try Catalog(path: folder.child("hashing.sqlite"))
        _ = try scan(mixed, into: deferring, pixels: .deferred)
        let filled = try HashIndexer(catalog: deferring, workers: 2).fill([.pHash])
        #expect(filled.hashed == 4)
        #expect(Set(filled.skipped.map { ($0.path as NSString).lastPathComponent }) == ["cut-whole.png", "cut-whole.jpg"])
        let (before, after) = (try byName(decoding), try byName(deferring))
        for (name, image) in before { #expect(after[name]?.failure?.kind == image.failure?.kind, "\(name)") }
        let again = try HashIndexer(catalog: deferring, workers: 2).fill([.pHash])
        #expect(again.hashed == 0 && again.skipped.isEmpty)
    }

    @Test("a file the model cannot embed stays a good image: only undecodable bytes are recorded as failed")
    func modelFailuresStayOutOfTheCatalog() throws {
        let photos = folder.folder("photos")
        try Fixtures.writePattern(to: folder.child("photos/pattern.png"), width: 64, height: 64, seed: 3)
        try ImageEncoder().write(Fixtures.solid(width: 64, height: 64, rgb: (0, 0, 0)), to: folder.child("photos/black.png"))
        let catalog = try Catalog(path: folder.child("model.sqlite"))
        _ = try scan(photos, into: catalog, pixels: .deferred)
        // The stand-in model fails on a black image (a zero vector), as a real model fails on a
        // zero output, with the kind that says the model, not the file, is at fault.
        let (_, input) = try TestModels.tinyResNet()
        let filled = try EmbeddingIndexer(catalog: catalog, model: MeanColourModel(), input: input).fill()
        #expect(filled.skipped.map(\.kind) == [.unembeddable])
        #expect(try catalog.image(at: folder.child("photos/black.png"))?.failure == nil)
        #expect(try catalog.usableImages().count == 2)
    }

    @Test("dupes on a fresh catalog reads headers in its scan and lists the undecodable files as skipped, once")
    func dupesJob() throws {
        let mixed = try makeMixedFolder()
        let catalogPath = folder.child("dupes.sqlite")
        let context = JobContext(catalogPath: catalogPath, models: ModelLocator(modelsDirectory: TestModels.modelsDirectory,
                                                                                runtimeLibrary: TestModels.runtimeLibrary), workers: 2)
        let job = DupesJob(folders: [mixed])
        guard case .embedding(let first) = try job.run(in: context) else { Issue.record("not the embedding mode"); return }
        // The scan fails only what the headers show (the empty file and the text).
        #expect(first.scan?.failed == 2)
        #expect(Set((first.skipped ?? []).map { ($0.path as NSString).lastPathComponent }) == ["cut-whole.png", "cut-whole.jpg"])
        #expect(first.images == 4)
        let catalog = try Catalog(path: catalogPath, access: .readOnly)
        #expect(try catalog.image(at: folder.child("mixed/cut-whole.png"))?.failure?.kind == .corruptImage)
        guard case .embedding(let second) = try job.run(in: context) else { Issue.record("not the embedding mode"); return }
        #expect(second.skipped == nil)
        #expect(second.images == 4)

        // The hash mode on a fresh catalog: the same.
        let hashing = JobContext(catalogPath: folder.child("dupes-hash.sqlite"), models: context.models, workers: 2)
        let byHash = DupesJob(folders: [mixed], mode: .hash(.bits(.pHash), threshold: nil))
        guard case .hash(let hashed) = try byHash.run(in: hashing) else { Issue.record("not the hash mode"); return }
        #expect(Set((hashed.skipped ?? []).map { ($0.path as NSString).lastPathComponent }) == ["cut-whole.png", "cut-whole.jpg"])
        #expect(try Catalog(path: hashing.catalogPath, access: .readOnly).image(at: folder.child("mixed/cut-whole.jpg"))?.failure?.kind == .corruptImage)
    }
}
