import Foundation

/// A fresh folder under the system temporary directory, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "likeness-test") {
        let name = "\(label)-\(UUID().uuidString.prefix(8))"
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The absolute path of a child.
    public func child(_ components: String...) -> String {
        components.reduce(path) { ($0 as NSString).appendingPathComponent($1) }
    }

    /// Creates a sub-folder and returns its path.
    @discardableResult
    public func folder(_ name: String) -> String {
        let folder = child(name)
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes bytes to a child file and returns its path.
    @discardableResult
    public func file(_ name: String, bytes: [UInt8]) -> String {
        let file = child(name)
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }
}
