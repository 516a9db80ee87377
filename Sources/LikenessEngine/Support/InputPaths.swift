import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks on paths a user typed, before any work starts.
public enum InputPaths {
    /// Throws ``JobError/invalidInput(_:)`` naming every path that does not exist.
    public static func requireExisting(_ paths: [String]) throws(JobError) {
        let missing = paths.filter { path in
            var info = stat()
            return DisplayPath.rawBytes(path).withCString { stat($0, &info) } != 0
        }
        guard missing.isEmpty else {
            throw .invalidInput("no such file or folder: \(missing.joined(separator: ", "))")
        }
    }
}
