import Foundation
import LikenessCore
@testable import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct DuplicateMoverTests {
    let folder = TemporaryDirectory("mover")

    func write(_ relative: String, _ text: String) throws -> String {
        let path = folder.child(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func item(_ path: String) -> DuplicateMover.Item {
        var info = stat()
        stat(path, &info)
        return .init(path: path, expected: FileWalker.fingerprint(info))
    }

    @Test("moves keep names unique, journal intend and done, and undo by journal puts everything back")
    func moveAndUndo() throws {
        let a = try write("a/x.png", "one"), b = try write("b/x.png", "two")
        let run = try DuplicateMover().move([item(a), item(b)], to: folder.child("out"))
        #expect(run.moved.map { ($0.to as NSString).lastPathComponent } == ["x.png", "x-1.png"])
        #expect(!FileManager.default.fileExists(atPath: a) && !FileManager.default.fileExists(atPath: b))
        let records = try MoveJournal.records(at: run.journal)
        #expect(records.map(\.event) == [.intend, .done, .intend, .done])
        let undone = try DuplicateMover().undo(run.journal)
        #expect(undone.map(\.outcome) == [.restored, .restored])
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "one" && String(contentsOfFile: b, encoding: .utf8) == "two")
        #expect(try DuplicateMover().undo(run.journal).map(\.outcome) == [.inPlace, .inPlace], "a second undo changes nothing")
    }

    @Test("a file changed since the scan is not moved; a journal is never reused")
    func staleAndNewJournals() throws {
        let a = try write("s/a.png", "one")
        let expected = item(a)
        try Data("changed content".utf8).write(to: URL(fileURLWithPath: a))
        let first = try DuplicateMover().move([expected], to: folder.child("out2"))
        #expect(first.moved.isEmpty && first.notMoved.count == 1 && first.notMoved[0].reason.contains("changed or vanished"))
        let second = try DuplicateMover().move([item(a)], to: folder.child("out2"))
        #expect(second.journal != first.journal)
        #expect(MoveJournal.journals(in: folder.child("out2")).count == 2)
        #expect(try MoveJournal.records(at: first.journal).isEmpty, "the first run's journal is left as it was")
    }

    @Test("undo reconciles a crash: an intended move never recorded as done is checked on disk")
    func intendedOnly() throws {
        let out = folder.folder("out3")
        let journal = try MoveJournal.create(in: out)
        // Crash 1: intended, then moved, then killed before `done`.
        let moved = try write("c/moved.png", "m")
        try journal.append(MoveRecord(event: .intend, from: moved, to: out + "/moved.png"))
        try FileManager.default.moveItem(atPath: moved, toPath: out + "/moved.png")
        // Crash 2: intended, killed before the move.
        let stayed = try write("c/stayed.png", "s")
        try journal.append(MoveRecord(event: .intend, from: stayed, to: out + "/stayed.png"))
        let results = try DuplicateMover().undo(out)
        #expect(Set(results.map(\.outcome)) == [.restored, .inPlace])
        #expect(FileManager.default.fileExists(atPath: moved) && FileManager.default.fileExists(atPath: stayed))
    }

    @Test("a different file at the original name is never overwritten: left in place with the reason")
    func originalTaken() throws {
        let a = try write("t/a.png", "original")
        let run = try DuplicateMover().move([item(a)], to: folder.child("out4"))
        try Data("a newcomer".utf8).write(to: URL(fileURLWithPath: a))
        let results = try DuplicateMover().undo(folder.child("out4"))
        #expect(results.count == 1 && results[0].outcome == .leftInPlace)
        #expect(results[0].reason?.contains("exists again") == true)
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "a newcomer")
        #expect(try String(contentsOfFile: run.moved[0].to, encoding: .utf8) == "original")
    }

    @Test("the single-JSON manifest of earlier versions still undoes")
    func legacyManifest() throws {
        let out = folder.folder("out5")
        let original = folder.child("l/old.png")
        _ = try write("out5/old.png", "old")
        let manifest = #"{"created":"2026-11-01T00:00:00Z","moves":[{"from":"\#(original)","to":"\#(out)/old.png"}]}"#
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: out + "/likeness-moves.json"))
        #expect(try DuplicateMover().undo(out).map(\.outcome) == [.restored])
        #expect(try String(contentsOfFile: original, encoding: .utf8) == "old")
    }
}
