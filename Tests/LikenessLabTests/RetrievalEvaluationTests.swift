import Foundation
import LikenessCore
@testable import LikenessLab
import LikenessEngine
import LikenessTestSupport
import Testing

@Suite struct RetrievalEvaluationTests {
    let folder = TemporaryDirectory("eval")

    @Test("layouts: folder per class, UKBench fours, Holidays hundreds")
    func layouts() throws {
        for (i, name) in ["a/1.png", "a/2.png", "b/3.png"].enumerated() {
            folder.folder((name as NSString).deletingLastPathComponent)
            try Fixtures.writePattern(to: folder.child(name), width: 8, height: 8, seed: UInt64(i))
        }
        let folders = try EvalDataset.load(folder.path, layout: .folders)
        #expect(folders.groups == [0, 0, 1] && folders.groupNames == ["a", "b"])

        let uk = folder.folder("uk")
        for n in 0..<8 { try Fixtures.writePattern(to: folder.child("uk/ukbench0000\(n).jpg"), width: 8, height: 8, seed: UInt64(n)) }
        #expect(try EvalDataset.load(uk, layout: .ukbench).groups == [0, 0, 0, 0, 1, 1, 1, 1])

        let holidays = folder.folder("holidays")
        for n in [100000, 100001, 100100, 100101, 100102] { try Fixtures.writePattern(to: folder.child("holidays/\(n).jpg"), width: 8, height: 8, seed: UInt64(n)) }
        #expect(try EvalDataset.load(holidays, layout: .holidays).groups == [0, 0, 1, 1, 1])
        folder.file("holidays/notes.jpg", bytes: [1])
        #expect(throws: EvalError.self) { try EvalDataset.load(holidays, layout: .holidays) }
    }

    @Test("scores of a known ranking: groups of two, one misplaced neighbour")
    func knownScores() throws {
        // Vectors: group 0 = {0, 1}, group 1 = {2, 3}. Item 3 sits closer to group 0 than to 2.
        let dataset = EvalDataset(paths: ["0", "1", "2", "3"], groups: [0, 0, 1, 1], groupNames: ["x", "y"])
        let vectors: [[Float]?] = [[1, 0], [0.99, 0.14], [0, 1], [0.9, 0.43]]
        let scores = try RetrievalEvaluation(dataset: dataset, ks: [1]).score(method: "v", features: .vectors(vectors), queries: [0, 1, 2, 3])
        // Query 0 → 1 (hit); 1 → 0 (hit); 2 → 3 (hit); 3 → 1 (miss: nearest is in group 0).
        #expect(scores.precision[1] == 0.75)
        // AP for query 3: its partner 2 is ranked last of 3 → 1/3.
        #expect(abs(scores.meanAveragePrecision - (1 + 1 + 1 + 1.0 / 3) / 4) < 1e-9)
        #expect(scores.nisterStewenius == nil)
    }

    @Test("sampled queries keep whole groups and are reproducible")
    func sampling() {
        let dataset = EvalDataset(paths: (0..<20).map(String.init), groups: (0..<20).map { $0 / 4 }, groupNames: (0..<5).map(String.init))
        let evaluation = RetrievalEvaluation(dataset: dataset)
        let a = evaluation.sampleQueries(6), b = evaluation.sampleQueries(6)
        #expect(a == b && a.count == 8)
        #expect(Set(a.map { $0 / 4 }).allSatisfy { group in (0..<4).allSatisfy { a.contains(group * 4 + $0) } })
    }
}

@Suite struct IDXEvaluationTests {
    let folder = TemporaryDirectory("idx-eval")

    @Test("IDX layout: labels pair with images; raw pixels retrieve same-label images")
    func idxLayout() throws {
        // Two classes of 4×4 images: bright-left and bright-right, with small seeded noise.
        var generator = SeededGenerator(seed: 3)
        var payload: [UInt8] = [], labels: [UInt8] = []
        for n in 0..<8 {
            let label = UInt8(n % 2)
            labels.append(label)
            for _ in 0..<4 { for x in 0..<4 { payload.append(UInt8(((x < 2) == (label == 0) ? 200 : 20) + Int.random(in: 0..<10, using: &generator))) } }
        }
        func idx(_ dims: [Int], _ bytes: [UInt8]) -> [UInt8] {
            var out: [UInt8] = [0, 0, 0x08, UInt8(dims.count)]
            for d in dims { out += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
            return out + bytes
        }
        let images = folder.file("toy-images-idx3-ubyte", bytes: idx([8, 4, 4], payload))
        folder.file("toy-labels-idx1-ubyte", bytes: idx([8], labels))
        let data = try EvalDataset.load(images, layout: .idx)
        #expect(data.paths.count == 8 && data.groups == labels.map(Int.init) && data.pixels?.count == 8)
        let vectors = data.pixels!.map { Optional(GreyImage($0).values) }
        let scores = try RetrievalEvaluation(dataset: data, ks: [3]).score(method: "pixels", features: .vectors(vectors), queries: Array(0..<8))
        #expect(scores.precision[3] == 1)
        #expect(throws: EvalError.self) { try EvalDataset.load(folder.child("no-images-here"), layout: .idx) }
    }

    @Test("without a layout an IDX file is recognised by its magic number, gzip or not; other files and folders read as folders")
    func detection() throws {
        let plain = try Fixtures.writeIDXPair(in: folder.folder("plain"), prefix: "toy")
        let gzipped = try Fixtures.writeIDXPair(in: folder.folder("gz"), prefix: "toy", gzip: true)
        #expect(gzipped.hasSuffix(".gz") && FileManager.default.fileExists(atPath: gzipped))
        #expect(EvalDataset.Layout.detected(for: plain) == .idx)
        #expect(EvalDataset.Layout.detected(for: gzipped) == .idx)
        #expect(EvalDataset.Layout.detected(for: folder.child("gz")) == .idx, "a folder holding an IDX image file")
        let png = try Fixtures.writePattern(to: folder.folder("other") + "/a.png", seed: 1)
        #expect(EvalDataset.Layout.detected(for: png) == .folders)
        #expect(EvalDataset.Layout.detected(for: folder.child("other")) == .folders)
        let text = folder.file("notes-images-idx3-ubyte", bytes: Array("not idx at all".utf8))
        #expect(EvalDataset.Layout.detected(for: text) == .folders, "the name alone does not make an IDX file")
    }

    @Test("an IDX folder reads its t10k file for retrieval, or its only image file; several others are refused")
    func idxFolder() throws {
        let root = folder.folder("mnist-like")
        try Fixtures.writeIDXPair(in: root, prefix: "train", count: 10)
        try Fixtures.writeIDXPair(in: root, prefix: "t10k", count: 6, gzip: true)
        let data = try EvalDataset.load(root, layout: .idx)
        #expect(data.paths.count == 6 && data.paths.first == "t10k-images-idx3-ubyte.gz#0")
        let single = folder.folder("single")
        try Fixtures.writeIDXPair(in: single, prefix: "train", count: 10)
        #expect(try EvalDataset.load(single, layout: .idx).paths.count == 10)
        try Fixtures.writeIDXPair(in: single, prefix: "extra", count: 4)
        #expect(throws: EvalError.self) { try EvalDataset.load(single, layout: .idx) }
    }
}

@Suite struct PerQueryTests {
    @Test("per-query CSV: a header, one row per (method, query), the known scores, quoted paths")
    func csv() throws {
        let dataset = EvalDataset(paths: ["0", "1", "a,b", "3"], groups: [0, 0, 1, 1], groupNames: ["x", "y"])
        let vectors: [[Float]?] = [[1, 0], [0.99, 0.14], [0, 1], [0.9, 0.43]]
        let evaluation = RetrievalEvaluation(dataset: dataset, ks: [2, 1])
        let scores = try evaluation.score(method: "v", features: .vectors(vectors), queries: [0, 1, 2, 3])
        let other = try evaluation.score(method: "w", features: .vectors(vectors), queries: [3])
        let lines = evaluation.perQueryCSV([scores, other]).split(separator: "\n").map(String.init)
        #expect(lines.first == "method,query,group,P@1,P@2,AP@1,AP@2,AP")
        #expect(lines.count == 1 + 4 + 1)
        // Query 3 ranks 1 (x), 0 (x), then its partner 2 (y): P@1 0, P@2 0, AP@1 0, AP@2 0, AP 1/3.
        #expect(lines[4] == "v,3,y,0.0,0.0,0.0,0.0,\(1.0 / 3)")
        #expect(lines[5] == lines[4].replacingOccurrences(of: "v,", with: "w,"))
        // The path with a comma is quoted; query "a,b" ranks 3 (its partner) first.
        #expect(lines[3] == "v,\"a,b\",y,1.0,0.5,1.0,1.0,1.0")
        #expect(lines.dropFirst().allSatisfy { $0.replacingOccurrences(of: "\"a,b\"", with: "ab").split(separator: ",").count == 8 })
    }

    @Test("Hamming rankings order by distance, then position, as a full sort does")
    func hammingOrder() {
        var generator = SeededGenerator(seed: 11)
        let hashes: [BitHash?] = (0..<60).map { i in i == 7 ? nil : BitHash(bits: (0..<16).map { _ in Bool.random(using: &generator) }) }
        let usable = hashes.indices.filter { hashes[$0] != nil }
        for query in [0, 13, 59] {
            let sorted = usable.filter { $0 != query }.sorted {
                (hashes[query]!.hammingDistance(to: hashes[$0]!), $0) < (hashes[query]!.hammingDistance(to: hashes[$1]!), $1)
            }
            #expect(RetrievalEvaluation.hammingRanking(query: query, among: usable, hashes: hashes) == sorted)
        }
    }
}
