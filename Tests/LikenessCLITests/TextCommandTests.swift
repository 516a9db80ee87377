import Foundation
import LikenessTestSupport
import Testing

@Suite struct TextCommandTests {
    let folder = TemporaryDirectory("cli-text")

    @Test("text dupes --json: groups carry 1-based line numbers and text; --csv lists the same members")
    func dupesEndToEnd() throws {
        let lines = ["the quick brown fox jumps over the lazy dog", "", "an entirely different sentence here",
                     "the quick brown fox jumps over the lazy cat", "lorem ipsum dolor sit amet consectetur",
                     "the quick brown fox jumped over the lazy dog"]
        let path = folder.file("lines.txt", bytes: Array(lines.joined(separator: "\n").utf8))
        let result = try CLIRunner.run(["text", "dupes", path, "--threshold", "0.9", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["strings"] as? Int == 5)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        let members = try #require(groups.first?["members"] as? [[String: Any]])
        let records = members.compactMap { $0["record"] as? [String: Any] }
        #expect(Set(records.compactMap { $0["line"] as? Int }) == [1, 4, 6])
        #expect(records.contains { $0["text"] as? String == lines[3] })
        let csv = try CLIRunner.run(["text", "dupes", path, "--threshold", "0.9", "--csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "group,line,id,centre,distance,similarity,text")
        #expect(rows.count == 4)
    }

    @Test("text compare prints every metric; --metric hamming on unequal lengths is an error")
    func compare() throws {
        let result = try CLIRunner.run(["text", "compare", "--json", "--", "kitten", "sitting"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 7)
        #expect(rows.first { $0["metric"] as? String == "levenshtein" }?["distance"] as? Double == 3)
        let hamming = try CLIRunner.run(["text", "compare", "ab", "abc", "--metric", "hamming"])
        #expect(hamming.status == 2)
        #expect(hamming.stderr.contains("equal length"))
        let unknown = try CLIRunner.run(["text", "compare", "a", "b", "--metric", "soundex"])
        #expect(unknown.status != 0 && unknown.stderr.contains("jaro-winkler"))
    }

    @Test("bad inputs: a missing file, an empty file, a bad CSV column; an invalid UTF-8 line is reported and skipped")
    func badInputs() throws {
        let missing = try CLIRunner.run(["text", "dupes", folder.child("nope.txt")])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"))
        let empty = try CLIRunner.run(["text", "dupes", folder.file("empty.txt", bytes: [])])
        #expect(empty.status == 2 && empty.stderr.contains("holds no strings"))
        let csv = folder.file("names.csv", bytes: Array("id,name\n1,Ann\n2,Anne\n".utf8))
        let column = try CLIRunner.run(["text", "dupes", csv, "--format", "csv:email"])
        #expect(column.status == 2 && column.stderr.contains("id, name"))
        let bad = folder.file("bad.txt", bytes: Array("hello world\n".utf8) + [0xFF, 0xFE, 0x0A] + Array("hello world!\n".utf8))
        let skipped = try CLIRunner.run(["text", "dupes", bad, "--threshold", "0.9", "--json"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr.contains("line 2") && skipped.stderr.contains("UTF-8"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(skipped.stdout.utf8)) as? [String: Any])
        #expect((object["groups"] as? [Any])?.count == 1)
        #expect((object["skipped"] as? [Any])?.count == 1)
    }

    @Test("text cluster --csv: one row per string, noise as -1")
    func cluster() throws {
        let reads = (0..<4).map { ">r\($0)\nACGTACGTTGCAACGTACGTTGCA\($0 == 3 ? "GGGGGGGG" : "")" } + [">x\nTTTTTTTTTTCCCCCCCCCCAAAAAAAAAA"]
        let path = folder.file("reads.fasta", bytes: Array(reads.joined(separator: "\n").utf8))
        let result = try CLIRunner.run(["text", "cluster", path, "--format", "fasta", "--algorithm", "dbscan", "--eps", "8", "--min-samples", "3", "--csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 5)
        #expect(Set(rows.filter { $0[0] == "0" }.map { $0[2] }) == ["r0", "r1", "r2", "r3"])
        #expect(rows.first { $0[2] == "x" }?[0] == "-1")
    }
}
