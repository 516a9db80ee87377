import Foundation
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite(.serialized) struct SplitCommandTests {
    let folder = TemporaryDirectory("cli-split")

    /// Train: three softened patterns. Test: a JPEG copy of train #2, a half-size copy of train #3,
    /// and a flat grey card unlike anything in train.
    func makeSplit() throws -> (train: String, test: String) {
        let train = folder.folder("train"), test = folder.folder("test")
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        var originals: [PixelBuffer] = []
        for seed in 1...3 {
            let image = try editor.apply(.blur(sigma: 8), to: Fixtures.pattern(width: 320, height: 240, seed: UInt64(seed)))
            originals.append(image)
            try encoder.write(image, to: folder.child("train/\(seed).png"))
        }
        try encoder.write(originals[1], to: folder.child("test/copy-of-2.jpg") + "[Q=85]")
        try encoder.write(try editor.resized(originals[2], to: .fit(width: 160, height: 120)), to: folder.child("test/half-of-3.png"))
        try encoder.write(Fixtures.solid(width: 200, height: 200, rgb: (128, 128, 128)), to: folder.child("test/grey-card.png"))
        return (train, test)
    }

    @Test("leakage reports exactly the copied test images with their training originals")
    func leakage() throws {
        let (train, test) = try makeSplit()
        let result = try CLIRunner.run(["leakage", train, test, "--catalog", folder.child("l.sqlite"), "--json"] + Strict.rule)
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let pairs = try #require(output["pairs"] as? [[String: Any]])
        func name(_ value: Any?) -> String { ((value as? String ?? "") as NSString).lastPathComponent }
        let found = Set(pairs.map { name($0["second"]) + "<-" + name($0["first"]) })
        #expect(found == ["copy-of-2.jpg<-2.png", "half-of-3.png<-3.png"])
        #expect(output["leakedTestImages"] as? Int == 2)
    }

    @Test("novelty flags the unrelated image and shows its nearest reference; the report holds it")
    func novelty() throws {
        let (train, test) = try makeSplit()
        let report = folder.child("novelty.html")
        let result = try CLIRunner.run(["novelty", "--reference", train, "--query", test, "--catalog", folder.child("n.sqlite"),
                                        "--threshold", "0.7", "--json", "--html", report])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let queries = try #require(output["queries"] as? [[String: Any]])
        let novel = queries.filter { $0["novel"] as? Bool == true }.compactMap { ($0["query"] as? String).map { ($0 as NSString).lastPathComponent } }
        #expect(novel == ["grey-card.png"])
        #expect(queries.allSatisfy { $0["nearest"] as? String != nil })
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("grey-card.png") && html.contains("threshold 0.7<"))
    }

    @Test("leakage refuses overlapping splits in either direction, and the same folder twice, naming both folders",
          arguments: [("data", "data/sub"), ("data/sub", "data"), ("data", "data"), ("data", "data/sub/../")])
    func leakageOverlap(train: String, test: String) throws {
        _ = folder.folder("data/sub")
        try Fixtures.writePattern(to: folder.child("data/sub/a.png"), seed: 1)
        let catalog = folder.child("overlap.sqlite")
        let result = try CLIRunner.run(["leakage", folder.child(train), folder.child(test), "--catalog", catalog])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: train \(folder.child(train)) and test \(folder.child(test))"), "\(result.stderr)")
        #expect(result.stderr.contains(train == test || test.hasSuffix("../") ? "are the same folder" : "overlap"))
        #expect(!FileManager.default.fileExists(atPath: catalog), "refused before scanning")
    }

    @Test("leakage refuses a test folder that is the training folder through a symbolic link")
    func leakageThroughLink() throws {
        let data = folder.folder("linked")
        try FileManager.default.createSymbolicLink(atPath: folder.child("alias"), withDestinationPath: data)
        let result = try CLIRunner.run(["leakage", data, folder.child("alias"), "--catalog", folder.child("link.sqlite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("are the same folder"), "\(result.stderr)")
    }

    @Test("novelty refuses a query folder inside the reference folder, naming both")
    func noveltyOverlap() throws {
        let reference = folder.folder("known"), query = folder.folder("known/new")
        let result = try CLIRunner.run(["novelty", "--reference", reference, "--query", query, "--catalog", folder.child("nov.sqlite")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: --reference \(reference) and --query \(query) overlap: --query lies inside --reference"),
                "\(result.stderr)")
    }
}
