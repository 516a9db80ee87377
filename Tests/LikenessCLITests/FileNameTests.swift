import Foundation
import LikenessTestSupport
import Testing

/// File names that are not UTF-8, or hold a newline, are shown escaped and still opened.
@Suite(.serialized) struct FileNameTests {
    let folder = TemporaryDirectory("cli-names")

    /// Writes a pattern PNG under a name given as raw bytes.
    func writeRaw(_ name: [UInt8], seed: UInt64) throws {
        let plain = try Fixtures.writePattern(to: folder.child("plain-\(seed).png"), seed: seed)
        let target = Array(folder.path.utf8) + [0x2f] + name + [0]
        let renamed = target.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { rename(plain, $0.baseAddress!) }
        }
        #expect(renamed == 0)
    }

    /// Runs the CLI through the shell, so an argument can carry raw bytes (`printf` octal escapes).
    func shell(_ script: String) throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["LIKENESS"] = CLIRunner.executable
        env["DIR"] = folder.path
        process.environment = env
        let out = Pipe(), err = Pipe()
        (process.standardOutput, process.standardError) = (out, err)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRunner.Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("a non-UTF-8 name given on the command line is opened and shown with \\xNN escapes, as the scanner shows it")
    func nonUTF8() throws {
        try writeRaw(Array("caf".utf8) + [0xE9] + Array(".png".utf8), seed: 1) // Latin-1 "café"
        let hashed = try shell(#"name="$(printf 'caf\351.png')"; "$LIKENESS" hash --method phash "$DIR/$name""#)
        #expect(hashed.status == 0, "\(hashed.stderr)")
        #expect(hashed.stdout.contains(#"caf\xE9.png"#) && !hashed.stdout.contains("\u{FFFD}"), "\(hashed.stdout)")
        let compared = try shell(#"name="$(printf 'caf\351.png')"; "$LIKENESS" compare "$DIR/$name" "$DIR/$name" --no-embedding"#)
        #expect(compared.status == 0 && compared.stdout.contains("phash"), "\(compared.stderr)")
        let missing = try shell(#"name="$(printf 'nope\351.png')"; "$LIKENESS" hash "$DIR/$name""#)
        #expect(missing.stderr.contains(#"nope\xE9.png"#) && !missing.stderr.contains("\u{FFFD}"), "\(missing.stderr)")
        // The scanner shows the same name the same way.
        let scanned = try CLIRunner.run(["scan", folder.path, "--catalog", folder.child("c.sqlite")])
        #expect(scanned.stdout.contains(#"caf\xE9.png"#), "\(scanned.stdout)")
    }

    @Test("a newline in a name is escaped in plain text: one file is one line")
    func newline() throws {
        try writeRaw(Array("two\nlines.png".utf8), seed: 2)
        let result = try CLIRunner.run(["hash", "--method", "phash", "--method", "dhash", folder.child("two\nlines.png")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.allSatisfy { $0.hasSuffix(#"two\nlines.png"#) })
        let json = try CLIRunner.run(["hash", "--method", "phash", "--json", folder.child("two\nlines.png")])
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(decoded.first?["path"] as? String == folder.child("two\nlines.png"), "JSON keeps the real name")
    }
}
