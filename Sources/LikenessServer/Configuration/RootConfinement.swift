import Foundation
import LikenessCore
import LikenessEngine
#if canImport(Glibc)
import Glibc
#endif

/// The folders a server may index and serve, and the check every path goes through.
///
/// Roots and paths are compared after `realpath(3)`: `..`, `.`, repeated slashes and symbolic links
/// are resolved first, so `root/../etc/passwd` and `root/link-to-outside/x.jpg` both land outside.
public struct RootConfinement: Sendable {
    /// The roots as the file system resolves them.
    public let roots: [FolderScope]
    /// The roots as given, for display.
    public let given: [String]

    public init(roots: [String]) throws(ServerSetupError) {
        guard !roots.isEmpty else { throw .noRoots }
        var resolved: [FolderScope] = []
        for root in roots {
            guard let real = Self.realPath(root), Self.isFolder(real) else { throw .rootNotAFolder(root) }
            if !resolved.contains(where: { $0.path == real }) { resolved.append(FolderScope(real)) }
        }
        self.roots = resolved
        self.given = roots
    }

    /// Where `path` really is, when it is inside a root: its resolved path.
    ///
    /// - Throws: ``APIError`` `notFound` when nothing is there, `outsideRoots` (403) when the
    ///   resolved path leaves every root.
    public func check(_ path: String) throws(APIError) -> String {
        guard let real = Self.realPath(path) else { throw APIError(.notFound, "no such file or folder") }
        guard contains(resolved: real) else { throw .outsideRoots }
        return real
    }

    /// True when an already resolved path is a root or lies below one.
    public func contains(resolved path: String) -> Bool {
        roots.contains { $0.contains(path) }
    }

    /// `realpath(3)` of a path (with `\xNN` escapes for non-UTF-8 bytes), or nil when it does not exist.
    public static func realPath(_ path: String) -> String? {
        let bytes = DisplayPath.rawBytes(path) + [0]
        let resolved = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { realpath($0, nil) }
        }
        guard let resolved else { return nil }
        defer { free(resolved) }
        return DisplayPath.of(Array(UnsafeBufferPointer(start: UnsafeRawPointer(resolved).assumingMemoryBound(to: UInt8.self), count: strlen(resolved))))
    }

    /// The resolved path of a folder that may not exist yet: its deepest existing ancestor
    /// resolved, with the rest appended.
    public static func resolvedPrefix(of path: String) -> String {
        var head = (path as NSString).standardizingPath
        var tail: [String] = []
        while head != "/" && !head.isEmpty {
            if let real = realPath(head) { return ([real] + tail.reversed()).joined(separator: "/").replacingOccurrences(of: "//", with: "/") }
            tail.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
        return "/" + tail.reversed().joined(separator: "/")
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
