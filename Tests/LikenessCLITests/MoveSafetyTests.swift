import Foundation
import LikenessImaging
import LikenessTestSupport
import Testing

/// `dupes --move-to` and `undo` under interruptions by real signals, repeated runs, other file
/// systems and a full destination: whatever happens, `undo` puts every file back.
@Suite(.serialized) struct MoveSafetyTests {
    let folder = TemporaryDirectory("cli-moves")

    /// Six large originals, each with a half-size and a JPEG copy: twelve files to move.
    func makeSet(side: Int = 1200) throws -> String {
        let photos = folder.folder("photos")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        for seed in 1...6 {
            let original = try editor.apply(.blur(sigma: 3), to: Fixtures.pattern(width: side, height: side * 3 / 4, seed: UInt64(seed)))
            try encoder.write(original, to: folder.child("photos/\(seed).png"))
            try encoder.write(try editor.resized(original, to: .fit(width: side / 2, height: side * 3 / 8)), to: folder.child("photos/\(seed)-half.png"))
            try encoder.write(original, to: folder.child("photos/\(seed)-q90.jpg") + "[Q=90]")
        }
        return photos
    }

    /// Name → (size, modification time) of every file in a folder.
    func snapshot(_ path: String) throws -> [String: [Int64]] {
        var result: [String: [Int64]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            var info = stat()
            stat((path as NSString).appendingPathComponent(name), &info)
            result[name] = [Int64(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)]
        }
        return result
    }

    /// Name → bytes of every file in a folder, for byte-for-byte comparison.
    func contents(_ path: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: (path as NSString).appendingPathComponent(name)))
        }
        return result
    }

    /// Files in `out` other than journals.
    func strays(_ out: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { !$0.hasPrefix("likeness-moves") }
    }

    /// The journals in `out`.
    func journals(_ out: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { $0.hasPrefix("likeness-moves") }
    }

    /// Two of every three images are copies by construction, more than `dupes` moves without `--force`.
    func dupes(_ photos: String, catalog: String, out: String) -> [String] {
        ["dupes", photos, "--catalog", catalog, "--move-to", out, "--force"] + Strict.rule
    }

    /// A folder on another file system than the test's temporary folder, when there is one.
    func otherFileSystem() -> String? {
        var here = stat(), shm = stat()
        guard stat(folder.path, &here) == 0, stat("/dev/shm", &shm) == 0, here.st_dev != shm.st_dev, access("/dev/shm", W_OK) == 0 else { return nil }
        let path = "/dev/shm/likeness-moves-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("kill -9 at any moment of a move run, across file systems: undo restores every file with its time, and a second undo is harmless")
    func killAnywhere() throws {
        let photos = try makeSet()
        let before = try snapshot(photos)
        let beforeBytes = try contents(photos)
        let catalog = folder.child("k.sqlite")
        let out = otherFileSystem() ?? folder.child("out")
        defer { try? FileManager.default.removeItem(atPath: out) }
        // A full run first: it fills the catalog and tells how long a move run takes.
        let started = Date()
        let full = try CLIRunner.run(dupes(photos, catalog: catalog, out: out))
        let duration = Date().timeIntervalSince(started)
        #expect(full.status == 0, "\(full.stderr)")
        #expect(try snapshot(photos).count == before.count - 12)
        let undone = try CLIRunner.run(["undo", out])
        #expect(undone.status == 0 && undone.stdout.contains("restored 12 files"), "\(undone.stdout)\(undone.stderr)")
        #expect(try snapshot(photos) == before, "times and sizes come back, also across file systems")
        // Six kills at fixed delays after the run's journal appears, then more, each adapted to
        // the last outcome, until one has landed between the first and the last move (a loaded
        // machine can make every fixed delay land too early or too late). The child runs at the
        // lowest priority so that this loop, not the child, wins the CPU under load.
        var interruptedMidway = 0, attempts = 0
        var delays = [0.0, 0.002, 0.01, 0.03, 0.08, 0.2]
        while let delay = delays.first, attempts < 24 {
            delays.removeFirst()
            attempts += 1
            let process = CLIRunner.start(dupes(photos, catalog: catalog, out: out))
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let journalsBefore = journals(out).count
            try process.run()
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(process.processIdentifier), 19)
            // Moves start when the run's journal appears; the kill lands `delay` seconds later.
            let deadline = Date().addingTimeInterval(duration * 3)
            while journals(out).count == journalsBefore && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.0005) }
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let left = try snapshot(photos).count
            if left < before.count && left > before.count - 12 { interruptedMidway += 1 }
            let undo = try CLIRunner.run(["undo", out])
            #expect(undo.status == 0, "after a kill \(delay) s into the moves: \(undo.stdout)\(undo.stderr)")
            #expect(try snapshot(photos) == before, "after a kill \(delay) s into the moves")
            #expect(try contents(photos) == beforeBytes, "byte-identical after a kill \(delay) s into the moves")
            #expect(strays(out).isEmpty, "nothing but journals stays in \(out): \(strays(out))")
            if delays.isEmpty && interruptedMidway == 0 {
                // Too early: nothing had moved yet, so wait longer; too late: wait less.
                delays = [left == before.count ? max(delay * 2, 0.001) : delay / 4]
            }
        }
        #expect(interruptedMidway > 0, "at least one kill must land between the first and the last move")
        let again = try CLIRunner.run(["undo", out])
        #expect(again.status == 0 && again.stdout.contains("restored 0 files"), "\(again.stdout)")
        // Every run wrote its own journal; none was overwritten.
        let journals = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("likeness-moves") }
        #expect(journals.count >= 2)
    }

    @Test("Ctrl-C stops a move run after the current file with status 130; undo restores everything")
    func controlC() throws {
        let photos = try makeSet(side: 800)
        let before = try snapshot(photos)
        let catalog = folder.child("i.sqlite"), out = folder.child("out-int")
        let started = Date()
        #expect(try CLIRunner.run(["dupes", photos, "--catalog", catalog] + Strict.rule).status == 0)
        let duration = Date().timeIntervalSince(started)
        let process = CLIRunner.start(dupes(photos, catalog: catalog, out: out))
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(duration * 3)
        while journals(out).isEmpty && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.0005) }
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect([0, 130].contains(process.terminationStatus), "\(stderr)")
        if process.terminationStatus == 130 {
            #expect(stderr.contains("stopping after the current item"), "\(stderr)")
            #expect(try snapshot(photos).count > before.count - 12, "it stopped before moving everything")
        }
        let undo = try CLIRunner.run(["undo", out])
        #expect(undo.status == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(try snapshot(photos) == before)
    }

    @Test("a second run into the same folder keeps the first journal; a folder inside the compared one is refused")
    func repeatedRuns() throws {
        let photos = try makeSet(side: 400)
        let before = try snapshot(photos)
        let catalog = folder.child("r.sqlite"), out = folder.child("out-rep")
        #expect(try CLIRunner.run(dupes(photos, catalog: catalog, out: out)).status == 0)
        // New copies appear and a second run moves them too.
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: photos).sorted().first)
        try FileManager.default.copyItem(atPath: folder.child("photos/\(kept)"), toPath: folder.child("photos/1-again.png"))
        let second = try CLIRunner.run(dupes(photos, catalog: catalog, out: out))
        #expect(second.status == 0, "\(second.stderr)")
        let journals = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("likeness-moves") }
        #expect(journals.count == 2)
        let undo = try CLIRunner.run(["undo", out])
        #expect(undo.status == 0 && undo.stdout.contains("restored 13 files"), "\(undo.stdout)")
        var after = try snapshot(photos)
        after.removeValue(forKey: "1-again.png")
        #expect(after == before)
        let inside = try CLIRunner.run(dupes(photos, catalog: catalog, out: folder.child("photos/aside")))
        #expect(inside.status == 2 && inside.stderr.contains("lies inside"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.child("photos/aside")))
    }

    @Test("a full destination stops the run with a clear message; originals stay whole and no partial copy is left")
    func fullDestination() throws {
        let photos = try makeSet(side: 900)
        let before = try snapshot(photos)
        let catalog = folder.child("f.sqlite"), out = folder.folder("full")
        // A 256 KiB file system where the test may mount one (root); otherwise a folder that refuses writes.
        let mounted = Process()
        mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
        mounted.arguments = ["-t", "tmpfs", "-o", "size=256k", "tmpfs", out]
        mounted.standardError = FileHandle.nullDevice
        let isMounted = (try? mounted.run()).map { mounted.waitUntilExit(); return mounted.terminationStatus == 0 } ?? false
        defer {
            if isMounted { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: [out]).waitUntilExit() }
        }
        if !isMounted { chmod(out, 0o555) }
        let run = try CLIRunner.run(dupes(photos, catalog: catalog, out: out + (isMounted ? "" : "/sub")))
        #expect(run.status != 0)
        if isMounted {
            #expect(run.stderr.contains("is full"), "\(run.stderr)")
            #expect(run.stderr.contains("NSCocoaErrorDomain") == false)
        }
        // Each file is either still in place or whole in the destination; no partial copy is left.
        let moved = try snapshot(out)
        for (name, info) in before where try snapshot(photos)[name] == nil {
            #expect(moved.values.contains { $0 == info }, "\(name) is whole somewhere")
        }
        #expect(!moved.keys.contains { $0.hasPrefix(".likeness-partial") }, "\(moved.keys)")
        if isMounted {
            let undo = try CLIRunner.run(["undo", out])
            #expect(undo.status == 0, "\(undo.stdout)\(undo.stderr)")
        }
        #expect(try snapshot(photos) == before, "after undo every original is back, unchanged")
    }
}
