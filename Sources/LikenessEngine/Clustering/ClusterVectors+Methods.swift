import LikenessAnalysis
import LikenessCatalog
import LikenessCore

extension ClusterVectors {
    /// Every usable image's 16×16 grey thumbnail at unit length (``GreyThumbnail``), read from the
    /// files on worker threads through ``ImageSource``. A file that cannot be read or decoded is
    /// skipped with its reason; one that changed since the scan is stale.
    static func pixels(catalog: any CatalogStore, under roots: [String]?, context: JobContext) throws(JobError) -> Rows {
        let (images, stale): ([CatalogImage], [ScannedFailure])
        do { (images, stale) = CatalogFreshness.split(try catalog.usableImages(under: roots)) } catch { throw .catalog(error) }
        let thumbnail: GreyThumbnail
        do { thumbnail = try GreyThumbnail() } catch { throw .wrapping(error) }
        let (progress, cancellation, total) = (context.progress, context.cancellation, images.count)
        progress.begin("pixels", total: total)
        let results = ParallelWork.map(images, workers: context.workers, finished: { progress.advance("pixels", completed: $0, total: total) }) { image in
            if cancellation.isCancelled { return Result<[Float], ItemFailure>.failure(ItemFailure(.unreadable, "\(image.path): stopped on request")) }
            do throws(ItemFailure) { return .success(try thumbnail.unitVector(of: ImageSource(image))) } catch { return .failure(error) }
        }
        progress.end("pixels")
        try context.checkCancellation()
        var rows = Rows(images: [], vectors: [], skipped: [], stale: stale, method: .pixels)
        for (image, result) in zip(images, results) {
            switch result {
            case .success(let vector):
                rows.images.append(image)
                rows.vectors.append(vector)
            case .failure(let failure):
                rows.skipped.append(ScannedFailure(path: image.path, kind: failure.kind, message: failure.message))
            }
        }
        return rows
    }

    /// Every usable image's stored `method` hash (hashing the images that lack one first, with
    /// ``HashIndexer``; a second run reads no file), each bit as ±1/√bits: unit length, and the
    /// squared Euclidean distance between two rows is 4·Hamming/bits.
    static func hashes(_ method: HashMethod, catalog: any CatalogStore, under roots: [String]?, context: JobContext) throws(JobError) -> Rows {
        do {
            let filled = try HashIndexer(catalog: catalog, workers: context.workers)
                .fill([PerceptualMethod.bits(method)], under: roots, progress: context.progress, cancellation: context.cancellation)
            try context.checkCancellation()
            let stored = try catalog.hashes(method)
            let (images, stale) = CatalogFreshness.split(try catalog.usableImages(under: roots).filter { stored[$0.id] != nil })
            return Rows(images: images, vectors: images.map { signs(of: stored[$0.id]!) }, skipped: filled.skipped, stale: stale, method: .hash(method))
        } catch {
            throw .wrapping(error)
        }
    }

    /// The hash as a unit vector: +1/√bits for a set bit, −1/√bits for a clear one.
    static func signs(of hash: BitHash) -> [Float] {
        let scale = 1 / Float(hash.count).squareRoot()
        return (0..<hash.count).map { hash[$0] ? scale : -scale }
    }
}
