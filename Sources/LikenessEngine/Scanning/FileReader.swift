import LikenessAnalysis
import LikenessCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a whole file into memory and checks it did not change while being read.
enum FileReader {
    /// Returns the file's bytes and the fingerprint they belong to.
    ///
    /// - Throws: ``ItemFailure`` `.unreadable` for permission and I/O errors, `.changedDuringScan`
    ///   when the size or modification time moved since `listed` or during the read.
    static func read(_ file: WalkedFile) throws(ItemFailure) -> (bytes: [UInt8], fingerprint: FileFingerprint) {
        let descriptor = file.rawPath.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw failure(file, errno) }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { throw failure(file, errno) }
        let opened = FileWalker.fingerprint(before)
        guard opened == file.fingerprint else {
            throw ItemFailure(.changedDuringScan, "\(file.path): changed between listing and reading")
        }
        let size = Int(before.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            let count = bytes.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress! + offset, size - offset)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(file, errno)
            }
            if count == 0 { break }
            offset += count
        }
        var after = stat()
        guard fstat(descriptor, &after) == 0 else { throw failure(file, errno) }
        guard offset == size, FileWalker.fingerprint(after) == opened else {
            throw ItemFailure(.changedDuringScan, "\(file.path): changed while being read")
        }
        return (bytes, opened)
    }

    private static func failure(_ file: WalkedFile, _ code: Int32) -> ItemFailure {
        ItemFailure(.unreadable, "\(file.path): \(String(cString: strerror(code)))")
    }
}
