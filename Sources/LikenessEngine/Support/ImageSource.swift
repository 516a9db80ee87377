import LikenessCore
import LikenessImaging
#if canImport(Glibc)
import Glibc
#endif

/// The one way Likeness reads an image file: read whole, once, checked against what the catalog
/// (or the walk that listed it) saw, then decoded as each caller needs.
///
/// Every job that opens a file goes through here, so a file that vanished, changed or cannot be
/// read is the same typed ``ItemFailure`` everywhere.
public struct ImageSource: Sendable, Hashable {
    /// The path as shown (non-UTF-8 bytes as `\xNN`).
    public var path: String
    /// The path's bytes, as handed to the system.
    var rawPath: [UInt8]
    /// The size and modification time the file had when it was listed or catalogued; a file that no
    /// longer matches is refused as changed. Nil reads whatever is there.
    public var expected: FileFingerprint?
    /// Whether ``expected`` comes from a walk a moment ago or from the catalog, for the messages.
    private var listedNow = false

    /// A file named by the user (not checked against the catalog).
    public init(path: String, expected: FileFingerprint? = nil) {
        self.path = path
        self.rawPath = DisplayPath.rawBytes(path)
        self.expected = expected
    }

    /// A catalogued image, checked against the fingerprint the catalog recorded.
    public init(_ image: CatalogImage) { self.init(path: image.path, expected: image.fingerprint) }

    /// A file just listed by ``FileWalker``.
    init(_ file: WalkedFile) {
        self.path = file.path
        self.rawPath = file.rawPath
        self.expected = file.fingerprint
        self.listedNow = true
    }

    /// The file's bytes and the fingerprint they belong to.
    ///
    /// - Throws: ``ItemFailure`` `.unreadable` for a missing file, permission and I/O errors;
    ///   `.changedDuringScan` when the size or modification time differ from ``expected`` or moved
    ///   during the read (the next scan re-reads the file).
    public func read() throws(ItemFailure) -> (bytes: [UInt8], fingerprint: FileFingerprint) {
        let descriptor = rawPath.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var before = stat()
        guard fstat(descriptor, &before) == 0 else { throw failure(errno) }
        let opened = FileWalker.fingerprint(before)
        if let expected, opened != expected {
            throw ItemFailure(.changedDuringScan, listedNow ? "\(path): changed between listing and reading"
                              : "\(path): changed since it was catalogued; run `likeness scan` again")
        }
        let size = Int(before.st_size)
        var failed: Int32 = 0
        // Read straight into the array's storage: no zero-fill of a buffer about to be overwritten.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            while offset < size {
                let count = Glibc.read(descriptor, buffer.baseAddress! + offset, size - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    break
                }
                if count == 0 { break }
                offset += count
            }
            initialized = offset
        }
        if failed != 0 { throw failure(failed) }
        let offset = bytes.count
        var after = stat()
        guard fstat(descriptor, &after) == 0 else { throw failure(errno) }
        guard offset == size, FileWalker.fingerprint(after) == opened else {
            throw ItemFailure(.changedDuringScan, "\(path): changed while being read")
        }
        return (bytes, opened)
    }

    /// The bytes alone.
    public func bytes() throws(ItemFailure) -> [UInt8] { try read().bytes }

    /// Reads and decodes the image to `size`.
    public func decode(_ decoder: ImageDecoder, to size: TargetSize) throws(ItemFailure) -> PixelBuffer {
        let bytes = try bytes()
        do { return try decoder.decode(bytes, to: size, path: path).pixels } catch { throw error.itemFailure }
    }

    private func failure(_ code: Int32) -> ItemFailure {
        if code == ENOENT && !listedNow && expected != nil {
            return ItemFailure(.unreadable, "\(path): no longer there (moved or deleted since it was catalogued); run `likeness scan` again")
        }
        return ItemFailure(.unreadable, "\(path): \(String(cString: strerror(code)))")
    }
}
