import Foundation
import LikenessCore
#if canImport(Glibc)
import Glibc
#endif

/// One regular file found by a walk.
public struct WalkedFile: Sendable, Hashable {
    /// Absolute path as printed and stored; invalid UTF-8 bytes appear as `\xNN`.
    public var path: String
    /// The exact bytes of the path, for opening the file.
    public var rawPath: [UInt8]
    public var fingerprint: FileFingerprint
    /// False when the name is not valid UTF-8.
    public var hasValidName: Bool
}

/// Everything a walk found: files, and the items it could not enter.
public struct WalkResult: Sendable {
    public var files: [WalkedFile] = []
    /// Folders and links that could not be walked, with why.
    public var problems: [(path: String, failure: ItemFailure)] = []
}

/// Walks folders recursively with POSIX calls, so non-UTF-8 names and symlink loops are handled.
///
/// Names starting with a dot are skipped. Symbolic links to files and folders are followed; a folder already on the current path
/// (same device and inode) is reported as a symlink loop and not entered twice.
public struct FileWalker: Sendable {
    public init() {}

    /// The paths of the regular files with UTF-8 names at or below the roots, sorted.
    public static func files(in roots: [String]) -> [String] {
        FileWalker().walk(roots).files.filter(\.hasValidName).map(\.path)
    }

    /// Walks each root, which may be a folder or a single file.
    public func walk(_ roots: [String]) -> WalkResult {
        var result = WalkResult()
        var visited = Set<DirectoryIdentity>()
        for root in roots {
            let absolute = Self.absolute(root)
            visit(DisplayPath.rawBytes(absolute), result: &result, visited: &visited, ancestors: [])
        }
        result.files.sort { $0.rawPath.lexicographicallyPrecedes($1.rawPath) }
        return result
    }

    private struct DirectoryIdentity: Hashable { var device: UInt64; var inode: UInt64 }

    private func visit(_ rawPath: [UInt8], result: inout WalkResult, visited: inout Set<DirectoryIdentity>,
                       ancestors: Set<DirectoryIdentity>) {
        let display = Self.displayPath(rawPath)
        var info = stat()
        let statStatus = rawPath.withCString { stat($0, &info) }
        if statStatus != 0 {
            let code = errno
            var linkInfo = stat()
            if rawPath.withCString({ lstat($0, &linkInfo) }) == 0, (linkInfo.st_mode & S_IFMT) == S_IFLNK {
                let kind: FailureKind = code == ELOOP ? .symlinkLoop : .brokenSymlink
                result.problems.append((display, ItemFailure(kind, "\(display): \(String(cString: strerror(code)))")))
            } else {
                result.problems.append((display, ItemFailure(.unreadable, "\(display): \(String(cString: strerror(code)))")))
            }
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            let valid = String(validating: rawPath, as: UTF8.self) != nil
            result.files.append(WalkedFile(path: display, rawPath: rawPath, fingerprint: Self.fingerprint(info), hasValidName: valid))
        case S_IFDIR:
            let identity = DirectoryIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if ancestors.contains(identity) {
                result.problems.append((display, ItemFailure(.symlinkLoop, "\(display): leads back to a folder already being walked")))
                return
            }
            // A folder reached twice through different links is walked once.
            guard visited.insert(identity).inserted else { return }
            guard let directory = rawPath.withCString({ opendir($0) }) else {
                let message = String(cString: strerror(errno))
                result.problems.append((display, ItemFailure(.unreadable, "\(display): \(message)")))
                return
            }
            var children: [[UInt8]] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    Array(raw.prefix(while: { $0 != 0 }))
                }
                // Hidden files and folders (".git", ".thumbnails", …) are not part of a collection.
                if name.first == 0x2e { continue }
                children.append(rawPath + (rawPath.last == 0x2f ? [] : [0x2f]) + name)
            }
            closedir(directory)
            var inner = ancestors
            inner.insert(identity)
            for child in children {
                visit(child, result: &result, visited: &visited, ancestors: inner)
            }
        default:
            break // sockets, FIFOs, devices: not images, not worth a complaint
        }
    }

    static func fingerprint(_ info: stat) -> FileFingerprint {
        FileFingerprint(size: Int64(info.st_size),
                        modifiedNanoseconds: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    /// The path as shown: see ``DisplayPath/of(_:)``.
    static func displayPath(_ raw: [UInt8]) -> String { DisplayPath.of(raw) }

    public static func absolute(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.standardizedFileURL.path
    }
}
