import Foundation
import LikenessCatalog
import LikenessCore
@testable import LikenessEngine
import LikenessLearning
import LikenessTestSupport
import Testing

/// An autoencoder's image source: decoded rows kept within the memory budget and served again
/// without the files, the rest read every time, failures as rows of zeros.
@Suite struct CatalogImageBatchesTests {
    static let architecture = AutoencoderArchitecture(side: 16, channels: 1, code: 8, widths: [4, 8])

    /// Six catalogued patterns and the paths of their files.
    static func setUp(_ directory: TemporaryDirectory) throws -> [CatalogImage] {
        let folder = directory.folder("patterns")
        for i in 0..<6 { _ = try Fixtures.writePattern(to: (folder as NSString).appendingPathComponent("p\(i).png"), width: 32, height: 32, seed: UInt64(i + 1)) }
        let context = JobContext(catalogPath: directory.child("c.sqlite"),
                                 models: ModelLocator(modelsDirectory: directory.folder("models"), runtimeLibrary: directory.child("none.so")), workers: 2)
        let catalog = try context.openCatalog(for: .readingAndFilling)
        _ = try context.scanFirst([folder], into: catalog)
        return try catalog.usableImages(under: [FileWalker.absolute(folder)])
    }

    func source(_ images: [CatalogImage], budget: Int) throws -> CatalogImageBatches {
        CatalogImageBatches(images: images, input: try ModelLocator.encoderInput(side: 16), architecture: Self.architecture, workers: 2,
                            memoryBudget: budget)
    }

    @Test func keptRowsAreServedAgainWithinTheBudget() throws {
        let directory = TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let images = try Self.setUp(directory)
        #expect(images.count == 6)
        let rowBytes = 16 * 16 * MemoryLayout<Float>.stride
        let all = try source(images, budget: 1 << 20), three = try source(images, budget: 3 * rowBytes), none = try source(images, budget: 0)
        let first = try all.images(at: Array(0..<6))
        #expect(try three.images(at: Array(0..<6)).values == first.values && (try none.images(at: Array(0..<6))).values == first.values)
        #expect(all.keptImages == 6 && three.keptImages == 3 && none.keptImages == 0)
        #expect(first.values.contains { $0 > 0 }, "the patterns are not blank")

        // With the files gone, kept rows are served as they were; the others become rows of zeros and failures.
        for image in images { try FileManager.default.removeItem(atPath: image.path) }
        let again = try all.images(at: [5, 0])
        #expect(again.values == first.row(5) + first.row(0) && all.failures == 0)
        let partly = try three.images(at: Array(0..<6))
        #expect(three.failures == 3 && partly.values.filter { $0 != 0 }.count == first.values[0..<(3 * 256)].filter { $0 != 0 }.count)
        #expect(try none.images(at: [1]).values.allSatisfy { $0 == 0 } && none.failures == 1)
    }
}
