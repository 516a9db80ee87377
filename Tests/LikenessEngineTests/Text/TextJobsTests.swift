import Foundation
import LikenessCore
import LikenessEngine
import LikenessTestSupport
import LikenessText
import Testing

@Suite struct TextJobsTests {
    let folder = TemporaryDirectory("text-jobs")

    @Test("lines: invalid UTF-8 and blank lines are skipped with their numbers, CRLF is trimmed")
    func readLines() throws {
        var bytes = Array("alpha\r\n\nbeta\n".utf8)
        bytes += [0x66, 0xFF, 0x6F, 0x0A]   // line 4: not UTF-8
        bytes += Array("gamma".utf8)
        let contents = try TextFileReader(format: .lines).parse(bytes)
        #expect(contents.records == [TextRecord(line: 1, text: "alpha"), TextRecord(line: 3, text: "beta"), TextRecord(line: 5, text: "gamma")])
        #expect(contents.skipped == [TextLineFailure(line: 4, message: "not valid UTF-8")])
    }

    @Test("FASTA: ids, joined sequence lines, a record with a bad line skipped whole")
    func readFASTA() throws {
        var bytes = Array(">seq1 first read\nACGT\nACGT\n>seq2\nTTTT\n".utf8)
        bytes += [0x41, 0xC3, 0x0A]   // line 6, inside seq2: truncated UTF-8
        bytes += Array(">seq3\nGG GG\n".utf8)
        let contents = try TextFileReader(format: .fasta).parse(bytes)
        #expect(contents.records == [TextRecord(line: 1, id: "seq1", text: "ACGTACGT"), TextRecord(line: 7, id: "seq3", text: "GGGG")])
        #expect(contents.skipped.map(\.line) == [4, 6])
    }

    @Test("CSV: a column by name or number; an unknown column lists the header")
    func readCSV() throws {
        let bytes = Array("id,name\n1,\"Smith, John\"\n2\n3,Jon Smith\n".utf8)
        let byName = try TextFileReader(format: .csv(column: "name")).parse(bytes)
        #expect(byName.records == [TextRecord(line: 2, text: "Smith, John"), TextRecord(line: 4, text: "Jon Smith")])
        #expect(byName.skipped.map(\.line) == [3])
        #expect(try TextFileReader(format: .csv(column: "2")).parse(bytes).records.count == 2)
        do {
            _ = try TextFileReader(format: .csv(column: "email")).parse(bytes)
            Issue.record("an unknown column was accepted")
        } catch {
            #expect(error.description.contains("id, name"))
        }
        #expect(throws: JobError.self) { try TextFormat(parsing: "tsv") }
        #expect(try TextFormat(parsing: "csv:name") == .csv(column: "name"))
    }

    @Test("dupes: planted near copies group with their lines; exact copies join; unrelated lines stay out")
    func dupes() throws {
        var random = SeededRandom(seed: 4)
        let letters = Array("abcdefghijklmnopqrstuvwxyz ")
        var lines = (0..<60).map { _ in String((0..<60).map { _ in letters[random.int(in: 0..<letters.count)] }) }
        var near = Array(lines[10])
        near[20] = near[20] == "x" ? "y" : "x"
        lines.append(String(near))          // line 61: one substitution from line 11
        lines.append(lines[10])             // line 62: an exact copy of line 11
        let path = folder.file("lines.txt", bytes: Array(lines.joined(separator: "\n").utf8))
        let result = try TextDupesJob(path: path, threshold: 0.95, includePairs: true).run(in: JobContext(workers: 2))
        #expect(result.strings == 62)
        #expect(result.groups.count == 1)
        let group = try #require(result.groups.first)
        #expect(Set(group.members.map(\.record.line)) == [11, 61, 62])
        #expect(group.members.allSatisfy { $0.similarity >= 0.95 })
        #expect(result.confirmedPairs == 3 && result.pairs?.count == 3)
        #expect(result.candidates < 62 * 61 / 2)
    }

    @Test("cluster: DBSCAN over the candidate graph finds planted families and leaves the rest as noise")
    func cluster() throws {
        var random = SeededRandom(seed: 8)
        let dna = Array("ACGT")
        var records: [String] = []
        for family in 0..<20 {
            let base = (0..<100).map { _ in dna[random.int(in: 0..<4)] }
            records.append(String(base))
            guard family < 4 else { continue }
            for _ in 0..<4 {
                var copy = base
                for _ in 0..<2 { copy[random.int(in: 0..<copy.count)] = dna[random.int(in: 0..<4)] }
                records.append(String(copy))
            }
        }
        let fasta = records.enumerated().map { ">r\($0.offset)\n\($0.element)" }.joined(separator: "\n")
        let path = folder.file("reads.fasta", bytes: Array(fasta.utf8))
        let search = TextSearchConfiguration(metric: .levenshtein, shingle: 8, bands: 32, rows: 2)
        let result = try TextClusterJob(path: path, format: .fasta, search: search, eps: 6, minSamples: 3).run(in: JobContext(workers: 2))
        #expect(result.clusters.count == 4)
        #expect(result.clusters.allSatisfy { $0.count == 5 })
        #expect(result.noise.count == 16)
        #expect(result.clusters.allSatisfy { Set($0.map(\.id)).count == 5 })
    }

    @Test("bad inputs: a missing file, an empty file and a bad threshold are typed errors")
    func badInputs() throws {
        let context = JobContext(workers: 1)
        #expect(throws: JobError.self) { try TextDupesJob(path: folder.child("missing.txt")).run(in: context) }
        let empty = folder.file("empty.txt", bytes: Array("\n\n".utf8))
        do {
            _ = try TextDupesJob(path: empty).run(in: context)
            Issue.record("an empty file gave a result")
        } catch {
            #expect(error.description.contains("holds no strings"))
        }
        let one = folder.file("one.txt", bytes: Array("a\n".utf8))
        #expect(throws: JobError.self) { try TextDupesJob(path: one, threshold: 1.5).run(in: context) }
        #expect(throws: JobError.self) { try TextClusterJob(path: one, eps: -1).run(in: context) }
        #expect(throws: JobError.self) { try TextDupesJob(path: one, search: TextSearchConfiguration(bands: 0)).run(in: context) }
        #expect(throws: JobError.self) { try TextCompareJob(a: "ab", b: "abc", metric: .hamming).run(in: context) }
        let all = try TextCompareJob(a: "ab", b: "abc").run(in: context)
        #expect(all.count == TextMetric.allCases.count)
        #expect(all.first { $0.metric == .hamming }?.error != nil)
        #expect(all.first { $0.metric == .levenshtein }?.distance == 1)
    }
}
