import Foundation
import LikenessTestSupport
import Testing

@Suite(.serialized) struct EvalCommandTests {
    let folder = TemporaryDirectory("cli-eval")

    /// Three colour classes of eight noisy 24×24 images each.
    func colourClasses() throws -> String {
        let root = folder.folder("colours")
        try Fixtures.writeColourClasses(in: root, classes: [("red", (200, 40, 40)), ("green", (40, 180, 60)), ("blue", (50, 60, 200))], perClass: 8)
        return root
    }

    @Test("eval probe: default methods side by side; colour classes are learned perfectly from histograms")
    func probe() throws {
        let root = try colourClasses()
        let result = try CLIRunner.run(["eval", "probe", root, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // A quarter of each class of 8 is held out: 2 × 3 test images, 6 × 3 training images.
        #expect(output["train"] as? Int == 18 && output["test"] as? Int == 6 && output["classes"] as? Int == 3)
        let methods = try #require(output["methods"] as? [[String: Any]])
        #expect(methods.map { $0["method"] as? String } == ["efficientnet-lite0", "histogram", "phash", "pixels"])
        #expect(methods.map { $0["dimension"] as? Int } == [1280, 88, 64, 256])
        let histogram = try #require(methods.first { $0["method"] as? String == "histogram" })
        #expect(histogram["testAccuracy"] as? Double == 1 && histogram["trainAccuracy"] as? Double == 1, "\(histogram)")
        // 18 training images in 256 dimensions can always be separated: the optimiser must get there.
        // (Test accuracy of flat colours from grey pixels is not asserted: brightness alone, 18 samples.)
        let pixels = try #require(methods.first { $0["method"] as? String == "pixels" })
        #expect(pixels["trainAccuracy"] as? Double == 1, "\(pixels)")
        for method in methods {
            #expect((method["testAccuracy"] as? Double).map { (0...1).contains($0) } == true)
            #expect(method["trainImages"] as? Int == 18 && method["skipped"] as? Int == 0)
        }
    }

    @Test("eval probe text output is one row per method; the same seed gives the same accuracies")
    func probeText() throws {
        let root = try colourClasses()
        let arguments = ["eval", "probe", root, "--methods", "histogram,pixels", "--epochs", "5"]
        let first = try CLIRunner.run(arguments), second = try CLIRunner.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let rows = first.stdout.split(separator: "\n").filter { $0.hasPrefix("histogram") || $0.hasPrefix("pixels") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.split(separator: " ").count == 8 })
        // Columns: method, dim, L2, val acc, train acc, test acc, then times (which differ run to run).
        func accuracies(_ text: String) -> [[Substring]] {
            text.split(separator: "\n").filter { $0.hasPrefix("histogram") || $0.hasPrefix("pixels") }.map { Array($0.split(separator: " ").prefix(6)) }
        }
        #expect(accuracies(first.stdout) == accuracies(second.stdout))
    }

    @Test("eval probe: an unknown method lists the valid ones; a class with one image is named")
    func badInput() throws {
        let root = try colourClasses()
        let unknown = try CLIRunner.run(["eval", "probe", root, "--methods", "pixels,colours"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown method 'colours'"))
        for name in ["pixels", "histogram", "phash", "efficientnet-lite0"] { #expect(unknown.stderr.contains(name), "\(name)") }

        folder.folder("colours/lonely")
        try Fixtures.writePattern(to: folder.child("colours/lonely/only.png"), width: 24, height: 24, seed: 1)
        let lonely = try CLIRunner.run(["eval", "probe", root, "--methods", "pixels"])
        #expect(lonely.status != 0)
        #expect(lonely.stderr.contains("class 'lonely' has 1 image"), "\(lonely.stderr)")
    }

    @Test("eval DATASET still runs retrieval; --per-query writes one row per (method, query)")
    func perQuery() throws {
        let root = try colourClasses()
        let csv = folder.child("per-query.csv")
        let result = try CLIRunner.run(["eval", root, "--methods", "histogram,pixels", "--k", "1,3", "--per-query", csv, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let methods = try #require(output["methods"] as? [[String: Any]])
        #expect(methods.count == 2 && methods.allSatisfy { $0["queries"] as? Int == 24 })
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "method,query,group,P@1,P@3,AP@1,AP@3,AP")
        #expect(lines.count == 1 + 2 * 24)
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 8 })
        #expect(lines[1].hasPrefix("histogram,\(root)/") && lines.last!.hasPrefix("pixels,"))
        // Colour classes: every histogram query's nearest image is of its own class.
        #expect(lines.filter { $0.hasPrefix("histogram,") }.allSatisfy { $0.split(separator: ",")[3] == "1.0" })
        let help = try CLIRunner.run(["eval", "retrieval", "--help"])
        #expect(help.stdout.contains("--per-query") && help.stdout.contains("AP@k for each k"))
    }

    @Test("eval of a flat folder (one group) is refused instead of scoring P@1 = 1")
    func flatFolder() throws {
        let flat = folder.folder("flat")
        for seed in 1...4 { try Fixtures.writePattern(to: folder.child("flat/\(seed).png"), width: 24, height: 24, seed: UInt64(seed)) }
        let result = try CLIRunner.run(["eval", flat, "--methods", "pixels"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: \(flat) read as folders gives 1 group of 4 images; retrieval needs at least two"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("eval FILE.gz without --layout reads an IDX file by its magic number; an IDX folder works with --layout idx and alone")
    func idxDetection() throws {
        let root = folder.folder("idx")
        try Fixtures.writeIDXPair(in: root, prefix: "train", count: 10, gzip: true)
        let test = try Fixtures.writeIDXPair(in: root, prefix: "t10k", count: 8, gzip: true)
        func run(_ arguments: [String]) throws -> [String: Any] {
            let result = try CLIRunner.run(["eval"] + arguments + ["--methods", "pixels", "--k", "1", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        for arguments in [[test], [root, "--layout", "idx"], [root]] {
            let output = try run(arguments)
            #expect(output["layout"] as? String == "idx", "\(arguments)")
            #expect(output["images"] as? Int == 8 && output["groups"] as? Int == 2, "the t10k file: \(arguments)")
            // Two classes with bright opposite halves: raw pixels always find their own class first.
            let pixels = try #require((output["methods"] as? [[String: Any]])?.first)
            #expect(((pixels["precision"] as? [String: Double])?["1"]) == 1, "\(pixels)")
        }
    }
}
