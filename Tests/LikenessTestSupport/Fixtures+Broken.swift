import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Fixtures {
    /// Overwrites a file with as many bytes of "A" (no image any decoder knows) and puts its
    /// modification time back, so its size and time still match what a scan catalogued: the file
    /// can only be found broken by reading it.
    public static func breakKeepingFingerprint(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        try Data(repeating: 0x41, count: Int(info.st_size)).write(to: URL(fileURLWithPath: path))
        var times = [info.st_atim, info.st_mtim]
        guard utimensat(AT_FDCWD, path, &times, 0) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}
