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
}
