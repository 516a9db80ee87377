import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessNumerics

extension TrainingData {
    /// The views of a folder of unlabelled images as training data: the folder is scanned into the
    /// catalog first (unreadable files are the scan's typed failures), then every current image gives
    /// `views.views` rows of `method`'s features (``UnlabelledViews``), labelled with the image's position.
    /// The class names are the images' paths.
    static func unlabelled(_ folder: String, views: UnlabelledViews, method: EvalMethod, seed: UInt64,
                           extraction: FeatureExtraction.Configuration, context: JobContext) throws(JobError) -> TrainingData {
        try views.validate()
        guard case .embedding(let id) = method else {
            throw .invalidInput("learning without labels embeds edited views of each image, so --on takes a model or encoder, not \(method.name)")
        }
        try InputPaths.requireExisting([folder])
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .invalidInput("\(folder) is a file; --unlabelled trains on a folder of images")
        }
        let started = ContinuousClock.now
        let catalog = try context.openStore(for: .readingAndFilling)
        _ = try context.scanFirst([folder], into: catalog)
        let images: [CatalogImage]
        do { images = CatalogFreshness.split(try catalog.usableImages(under: [FileWalker.absolute(folder)])).current } catch { throw .catalog(error) }
        guard images.count >= 4 else {
            throw .invalidInput("\(folder) holds \(images.count) readable image\(images.count == 1 ? "" : "s"); learning without labels needs at least 4 (some are held out)")
        }
        let opened: OpenedModel
        do { opened = try extraction.models.open(id, threads: extraction.modelThreads) } catch { throw JobError.wrapping(error) }
        let computed = try views.features(of: images, model: opened, seed: seed, workers: extraction.workers, batchSize: extraction.batchSize,
                                          progress: context.progress, cancellation: context.cancellation)
        guard Set(computed.images).count >= 4 else {
            throw .invalidInput("only \(Set(computed.images).count) images of \(folder) could be embedded with \(id); learning without labels needs at least 4")
        }
        return TrainingData(features: computed.features, labels: computed.images, classNames: images.map(\.path),
                            seconds: (ContinuousClock.now - started).seconds, reused: false, leftOut: computed.failed)
    }

    /// Rows for training and validation, whole images held out: a seeded `share` of the images (at
    /// least one, and at least two left to train on) gives all its rows to validation.
    static func splitByImage(labels: [Int], share: Double, seed: UInt64) -> (train: [Int], validation: [Int]) {
        let images = Array(Set(labels)).sorted()
        let (_, held) = ProbeSplit.holdOut(images.indices.map { $0 }, groups: [Int](repeating: 0, count: images.count), fraction: share, seed: seed)
        let heldImages = Set((held.first ?? []).map { images[$0] })
        let validation = labels.indices.filter { heldImages.contains(labels[$0]) }
        let train = labels.indices.filter { !heldImages.contains(labels[$0]) }
        return (train, validation)
    }
}
