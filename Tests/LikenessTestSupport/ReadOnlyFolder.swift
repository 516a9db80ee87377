import Foundation

/// A folder this process genuinely cannot write, holding copies of given files.
///
/// Root ignores permission bits, so as root the folder is a small tmpfs that is remounted
/// read-only once the files are in (a read-only medium); otherwise the files get mode 0444 and the
/// folder 0555. ``release()`` (also run on deinit, so on any failure) unmounts or restores the modes.
public final class ReadOnlyFolder: @unchecked Sendable {
    public let path: String
    /// How the folder was made read-only.
    public let isMount: Bool
    private var released = false

    /// Whether a genuinely read-only folder can be made here: always for a normal user; for root,
    /// only where it may mount a tmpfs.
    public static let isAvailable: Bool = {
        guard geteuid() == 0 else { return true }
        let probe = TemporaryDirectory("ro-probe")
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.path]) else { return false }
        let remounted = run("/bin/mount", ["-o", "remount,ro", probe.path])
        _ = run("/bin/umount", [probe.path])
        return remounted
    }()

    /// Creates `path` (which must not exist), copies each of `files` into it under its own name,
    /// then makes it read-only.
    public init(at path: String, copying files: [String]) throws {
        self.path = path
        isMount = geteuid() == 0
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if isMount, !Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", path]) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        do {
            for file in files {
                try FileManager.default.copyItem(atPath: file, toPath: (path as NSString).appendingPathComponent((file as NSString).lastPathComponent))
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: path) {
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: (path as NSString).appendingPathComponent(name))
            }
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: path)
            if isMount, !Self.run("/bin/mount", ["-o", "remount,ro", path]) {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        } catch {
            release()
            throw error
        }
    }

    deinit { release() }

    /// Unmounts the tmpfs (its copies vanish) or makes the folder and its files writable again.
    public func release() {
        guard !released else { return }
        released = true
        if isMount {
            if !Self.run("/bin/umount", [path]) { _ = Self.run("/bin/umount", ["-l", path]) }
        } else {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: (path as NSString).appendingPathComponent(name))
            }
        }
    }

    /// The path of a file in the folder.
    public func child(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    @discardableResult
    private static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
