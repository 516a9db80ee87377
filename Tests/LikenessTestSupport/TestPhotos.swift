import Foundation

/// The real photos `make setup` fetched into the cache (scripts/fetch-photos.sh).
public enum TestPhotos {
    /// Twelve 4000×3000 JPEGs.
    public static var large: [String] { jpegs(in: "large") }
    /// Twelve camera JPEGs of 1.3–4.9 megapixels.
    public static var mate: [String] { jpegs(in: "mate") }

    /// A file of the OpenCV sample set by name (JPEG or PNG), for tests pinned to one photo.
    public static func opencv(_ name: String) -> String {
        (((TestModels.cache as NSString).appendingPathComponent("photos") as NSString).appendingPathComponent("opencv") as NSString)
            .appendingPathComponent(name)
    }

    /// The JPEGs of one set, sorted by name; empty when setup has not run.
    static func jpegs(in set: String) -> [String] {
        let folder = ((TestModels.cache as NSString).appendingPathComponent("photos") as NSString).appendingPathComponent(set)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".jpg") }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }
}
