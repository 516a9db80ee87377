import Foundation
import LikenessCore

/// Checks on the two folders `leakage` and `novelty` compare, before any work starts.
enum SplitFolders {
    /// One of the two folders, with the name the user knows it by ("train", "--query"…).
    struct Named {
        var role: String
        var path: String
    }

    /// Refuses two folders that are missing, the same, or one inside the other (in either
    /// direction, after resolving symbolic links): the images under both would sit in both sets,
    /// and a split compared with itself reports nothing or everything.
    static func requireSeparate(_ first: Named, _ second: Named) throws(JobError) {
        try InputPaths.requireExisting([first.path, second.path])
        let a = FolderScope(resolved(first.path)), b = FolderScope(resolved(second.path))
        let both = "\(first.role) \(first.path) and \(second.role) \(second.path)"
        if a == b {
            throw .invalidInput("\(both) are the same folder; give two folders that do not overlap")
        }
        if let (inner, outer) = a.contains(b.path) ? (second, first) : b.contains(a.path) ? (first, second) : nil {
            throw .invalidInput("\(both) overlap: \(inner.role) lies inside \(outer.role), so its images would be in both sets; "
                                + "give two folders that do not overlap")
        }
    }

    /// The absolute path with symbolic links resolved (the path made absolute if it cannot be).
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return FileWalker.absolute(path) }
        defer { free(real) }
        return String(cString: real)
    }
}
