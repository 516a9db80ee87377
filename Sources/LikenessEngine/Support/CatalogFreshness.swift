import LikenessCore
#if canImport(Glibc)
import Glibc
#endif

/// Checks that catalogued images are still the files the catalog knows, before a job reports,
/// returns or moves them.
///
/// A job that works from the catalog without scanning first would otherwise list files deleted,
/// renamed or edited since the last scan. One `stat` per image (size and modification time), no read.
public enum CatalogFreshness {
    /// The images still on disk as catalogued, and a `.stale` failure for each that is not.
    public static func split(_ images: [CatalogImage]) -> (current: [CatalogImage], stale: [ScannedFailure]) {
        var current: [CatalogImage] = [], stale: [ScannedFailure] = []
        current.reserveCapacity(images.count)
        for image in images {
            if let problem = problem(image) { stale.append(ScannedFailure(path: image.path, kind: .stale, message: problem)) }
            else { current.append(image) }
        }
        return (current, stale)
    }

    /// Why `image` is not the catalogued file any more, or nil when it still is.
    static func problem(_ image: CatalogImage) -> String? {
        var info = stat()
        guard stat(image.path, &info) == 0 else {
            return "\(image.path): no longer there (moved or deleted since the last scan); run `likeness scan` again"
        }
        if let expected = image.fingerprint, FileWalker.fingerprint(info) != expected {
            return "\(image.path): changed since the last scan; run `likeness scan` again"
        }
        return nil
    }
}
