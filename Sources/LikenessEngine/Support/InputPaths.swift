import Foundation

/// Checks on paths a user typed, before any work starts.
public enum InputPaths {
    /// Throws ``JobError/invalidInput(_:)`` naming every path that does not exist.
    public static func requireExisting(_ paths: [String]) throws(JobError) {
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            throw .invalidInput("no such file or folder: \(missing.joined(separator: ", "))")
        }
    }
}
