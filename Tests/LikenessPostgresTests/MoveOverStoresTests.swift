import Foundation
import LikenessCatalog
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import Testing

/// The server's move (``MoveJob``: copies a person chose, moved aside with a journal) checks each
/// file against a shared PostgreSQL catalog as it does against a SQLite file.
@Suite(.serialized) struct MoveOverStoresTests {
    let folder = TemporaryDirectory("move-stores")

    /// On one store, in a folder of its own: scans, changes one catalogued file, then moves it, a
    /// byte copy and a file the catalog does not know. Returns the run with the folder taken out.
    func moved(_ context: JobContext, in name: String) throws -> (run: DuplicateMover.Run, text: String) {
        let root = folder.folder(name)
        _ = try StoreRuns.photos(in: folder, copy: "2-copy.png", named: name + "/photos")
        _ = try ScanJob(roots: [root + "/photos"]).run(in: context)
        try Data("changed".utf8).write(to: URL(fileURLWithPath: root + "/photos/3.png"))
        folder.file("\(name)/photos/new.png", bytes: Array("unknown".utf8))
        let paths = ["2-copy.png", "3.png", "new.png"].map { root + "/photos/" + $0 }
        let run = try MoveJob(paths: paths, destination: root + "/aside", roots: [root + "/photos"]).run(in: context)
        var comparable = run
        comparable.journal = ""
        // JSON writes "/" as "\/".
        return (run, try StoreRuns.json(comparable).replacingOccurrences(of: root.replacingOccurrences(of: "/", with: "\\/"), with: "<root>"))
    }

    @Test("a move over PostgreSQL moves, refuses and journals what it does over SQLite")
    func sameMoves() throws {
        let scratch = try ScratchPostgres()
        let file = try moved(StoreRuns.context(folder.child("c.sqlite")), in: "file")
        let shared = try moved(StoreRuns.context(scratch.url), in: "shared")
        #expect(file.text == shared.text)
        #expect(shared.run.moved.map { ($0.from as NSString).lastPathComponent } == ["2-copy.png"])
        #expect(Set(shared.run.notMoved.map { ($0.path as NSString).lastPathComponent }) == ["3.png", "new.png"])
        #expect(FileManager.default.fileExists(atPath: folder.child("shared/aside/2-copy.png")) && FileManager.default.fileExists(atPath: shared.run.journal))
        #expect(FileManager.default.fileExists(atPath: folder.child("shared/photos/3.png")))
    }
}
