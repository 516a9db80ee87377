import Foundation
import LikenessEngine
import LikenessTestSupport

/// What the tests that run one job over both stores share: a context on a catalog (a SQLite file
/// or a scratch PostgreSQL database) and whole results as JSON, to compare them.
enum StoreRuns {
    /// A context on `catalog` (a file path or a `postgres://` URL) with the test models and two workers.
    static func context(_ catalog: String) -> JobContext {
        JobContext(catalogPath: catalog, models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary),
                   workers: 2)
    }

    /// A result as JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Writes the folder `name` (default `photos`) in `folder`: four blurred patterns, a half-size
    /// copy of the first (`1-half.png`), a byte copy of the second named `copy`, and a file that is
    /// not an image.
    static func photos(in folder: TemporaryDirectory, copy: String, named name: String = "photos") throws -> String {
        let photos = folder.folder(name)
        try Fixtures.writeBlurredPatterns(in: photos, count: 4)
        try FileManager.default.copyItem(atPath: photos + "/2.png", toPath: photos + "/" + copy)
        folder.file(name + "/notes.jpg", bytes: Array("not an image".utf8))
        return photos
    }

    /// Runs `body` on a fresh SQLite catalog in `folder`, then on a fresh scratch PostgreSQL
    /// database, and returns both results.
    static func onBoth<T>(in folder: TemporaryDirectory, _ body: (JobContext) throws -> T) throws -> (sqlite: T, postgres: T) {
        let file = try body(context(folder.child("catalog-\(UUID().uuidString).sqlite")))
        let scratch = try ScratchPostgres()
        return try withExtendedLifetime(scratch) { (file, try body(context(scratch.url))) }
    }
}
