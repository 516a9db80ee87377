import LikenessCore
import LikenessDigest
#if canImport(Glibc)
import Glibc
#endif

/// Moves one file without ever overwriting or losing it.
///
/// On one file system it is a `rename(2)`, atomic by itself. Across file systems the file is
/// copied to a hidden temporary name beside the target, flushed to disk, given the source's mode
/// and times, renamed into place, read back and compared (size and SHA-256), and only then is the
/// source removed. Any failure before that last step leaves the source untouched and removes only
/// the temporary copy.
enum FileMove {
    /// Moves `from` to `to`, which must not exist; its folder must.
    static func move(from: String, to: String) throws(MoveError) {
        var targetInfo = stat()
        if lstat(to, &targetInfo) == 0 { throw .targetExists(to) }
        if rename(from, to) == 0 {
            syncFolder(of: to)
            syncFolder(of: from)
            return
        }
        let code = errno
        guard code == EXDEV else { throw failure(code, code == ENOENT ? from : to) }
        try copyAcross(from: from, to: to)
    }

    /// Stat of a path, or nil when it does not exist.
    static func info(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    /// True when both paths hold the same bytes.
    static func sameContent(_ a: String, _ b: String) -> Bool {
        guard let x = info(a), let y = info(b), x.st_size == y.st_size else { return false }
        if x.st_dev == y.st_dev && x.st_ino == y.st_ino { return true }
        guard let first = try? ImageSource(path: a).bytes(), let second = try? ImageSource(path: b).bytes() else { return false }
        return FastSHA256.hash(first) == FastSHA256.hash(second)
    }

    private static func copyAcross(from: String, to: String) throws(MoveError) {
        let folder = parent(of: to)
        let temporary = partial(for: to)
        let source = open(from, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw failure(errno, from) }
        defer { close(source) }
        var sourceInfo = stat()
        guard fstat(source, &sourceInfo) == 0 else { throw failure(errno, from) }
        let target = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard target >= 0 else { throw failure(errno, temporary) }
        do throws(MoveError) {
            try pump(source, into: target, from: from, folder: folder)
            fchmod(target, sourceInfo.st_mode & 0o7777)
            var times = [sourceInfo.st_atim, sourceInfo.st_mtim]
            futimens(target, &times)
            guard fsync(target) == 0 else { throw failure(errno, folder) }
            close(target)
        } catch {
            close(target)
            unlink(temporary)
            throw error
        }
        // The target name may have been taken while copying: never overwrite it.
        if info(to) != nil {
            unlink(temporary)
            throw .targetExists(to)
        }
        guard rename(temporary, to) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(code, to)
        }
        syncFolder(of: to)
        guard sameContent(from, to) else { throw .verificationFailed(from: from, to: to) }
        guard unlink(from) == 0 else { throw failure(errno, from) }
        syncFolder(of: from)
    }

    private static func pump(_ source: Int32, into target: Int32, from: String, folder: String) throws(MoveError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno, from)
            }
            if count == 0 { return }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { write(target, $0.baseAddress! + written, count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno, folder)
                }
                written += n
            }
        }
    }

    /// The hidden name a copy across file systems is written under before it is renamed to `target`.
    /// Targets are unique, so their partial names are too, and `undo` can find one a crash left.
    static func partial(for target: String) -> String {
        parent(of: target) + "/.likeness-partial-" + String(target.split(separator: "/").last ?? "file")
    }

    /// Removes the partial copy a crash left for `target`, but only while `source`, the file it was
    /// copied from, still exists: it is an incomplete duplicate Likeness made, never a user's file.
    static func discardPartial(for target: String, sourceOf source: String) {
        let temporary = partial(for: target)
        guard info(temporary) != nil, info(source) != nil else { return }
        unlink(temporary)
    }

    /// Flushes a folder's entries, so a rename survives a power cut.
    static func syncFolder(of path: String) {
        let descriptor = open(parent(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func failure(_ code: Int32, _ path: String) -> MoveError {
        if code == ENOSPC || code == EDQUOT { return .noSpace(folder: path) }
        return .system(path: path, message: String(cString: strerror(code)))
    }
}
