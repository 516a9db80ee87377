import Foundation
@testable import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct FileWalkerTests {
    let folder = TemporaryDirectory("walker")

    @Test("walks recursively, skips hidden entries, sorts paths")
    func recursive() {
        folder.folder("a/b")
        folder.folder(".hidden")
        folder.file("a/b/2.png", bytes: [1])
        folder.file("a/1.png", bytes: [1])
        folder.file(".hidden/x.png", bytes: [1])
        folder.file("a/.DS_Store", bytes: [1])
        let result = FileWalker().walk([folder.path])
        #expect(result.files.map { String($0.path.dropFirst(folder.path.count)) } == ["/a/1.png", "/a/b/2.png"])
        #expect(result.problems.isEmpty)
    }

    @Test("a folder reached through two links is walked once; a loop is reported")
    func links() throws {
        folder.folder("real")
        folder.file("real/x.png", bytes: [1])
        try FileManager.default.createSymbolicLink(atPath: folder.child("alias"), withDestinationPath: folder.child("real"))
        try FileManager.default.createSymbolicLink(atPath: folder.child("real/up"), withDestinationPath: folder.path)
        let result = FileWalker().walk([folder.path])
        #expect(result.files.count == 1)
        #expect(result.problems.map(\.failure.kind) == [.symlinkLoop])
    }

    @Test("non-UTF-8 bytes are shown as \\xNN and kept raw for opening")
    func rawNames() {
        let raw = Array(folder.path.utf8) + [0x2F, 0x61, 0xFF, 0x62]
        let fd = raw.withCString { open($0, O_CREAT | O_WRONLY, 0o644) }
        close(fd)
        let file = FileWalker().walk([folder.path]).files.first
        #expect(file?.rawPath == raw)
        #expect(file?.path == folder.path + "/a\\xFFb")
        #expect(file?.hasValidName == false)
        #expect(FileWalker.displayPath(Array("/tmp/é".utf8)) == "/tmp/é")
    }
}
