import Foundation
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// `inspect` on small generated collections with known problems: each problem is flagged by its
/// rule, the ordinary images are not, and bad input is refused or skipped with its reason.
@Suite(.serialized) struct InspectJobTests {
    let folder = TemporaryDirectory("inspect")

    func context() -> JobContext {
        JobContext(catalogPath: folder.child("c.sqlite"), models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary), workers: 2)
    }

    /// Eight ordinary colour photos (160 × 120) and one of each problem.
    func makeHealthSet() throws -> String {
        let root = folder.folder("health")
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        for seed in 1...8 { try encoder.write(Fixtures.texture(width: 160, height: 120, seed: UInt64(seed)), to: folder.child("health/photo\(seed).png")) }
        let original = Fixtures.texture(width: 160, height: 120, seed: 1)
        try encoder.write(Fixtures.solid(width: 160, height: 120, rgb: (0, 0, 0)), to: folder.child("health/black.png"))
        try encoder.write(Fixtures.solid(width: 160, height: 120, rgb: (255, 255, 255)), to: folder.child("health/white.png"))
        try encoder.write(try editor.apply(.blur(sigma: 14), to: original), to: folder.child("health/blurred.png"))
        try encoder.write(try editor.apply(.greyscale, to: Fixtures.texture(width: 160, height: 120, seed: 9)), to: folder.child("health/grey.png"))
        try encoder.write(Fixtures.texture(width: 400, height: 40, seed: 10), to: folder.child("health/strip.png"))
        try encoder.write(Fixtures.texture(width: 16, height: 12, seed: 11), to: folder.child("health/tiny.png"))
        try FileManager.default.copyItem(atPath: folder.child("health/photo2.png"), toPath: folder.child("health/copy-of-photo2.png"))
        return root
    }

    func names(_ result: InspectResult, _ issue: InspectIssue) -> [String] {
        (result.finding(issue)?.images ?? []).map { ($0.path as NSString).lastPathComponent }
    }

    @Test("each problem image is flagged by its rule, worst first, and the ordinary photos are not")
    func flagsEachProblem() throws {
        let result = try InspectJob(folders: [try makeHealthSet()]).run(in: context())
        #expect(result.images == 15)
        #expect(result.findings.map(\.issue) == InspectIssue.allCases)
        #expect(names(result, .dark) == ["black.png"])
        #expect(names(result, .bright) == ["white.png"])
        #expect(names(result, .blurry).contains("blurred.png"))
        #expect(!names(result, .blurry).contains { $0.hasPrefix("photo") }, "sharp photos are not blurry: \(names(result, .blurry))")
        #expect(Set(names(result, .lowInformation)).isSuperset(of: ["black.png", "white.png"]))
        #expect(names(result, .greyscale).contains("grey.png"))
        #expect(!names(result, .greyscale).contains { $0.hasPrefix("photo") })
        #expect(names(result, .oddAspectRatio) == ["strip.png"])
        #expect(names(result, .oddSize) == ["tiny.png"])
        #expect(Set(names(result, .exactDuplicate)) == ["photo2.png", "copy-of-photo2.png"])
        for name in (1...8).map({ "photo\($0).png" }) where name != "photo2.png" {
            #expect(InspectIssue.allCases.filter { $0 != .outlier }.allSatisfy { !names(result, $0).contains(name) }, "\(name) is ordinary")
        }
        let dark = try #require(result.finding(.dark))
        #expect(dark.below == 50 && dark.rule.contains("50"), "the threshold is stated: \(dark.rule)")
        let aspect = try #require(result.finding(.oddAspectRatio))
        #expect(aspect.images.first.map { abs($0.value - 10) < 0.01 } == true, "the strip's aspect ratio is its value")
        #expect(aspect.above.map { $0 >= 2 * 4.0 / 3 * 0.99 } == true, "at least twice the median either side: \(aspect.rule)")
        #expect(result.qualityComputed == 15 && result.qualityReused == 0)
    }

    @Test("a second run reads every quality score back and finds the same")
    func secondRunReadsBack() throws {
        let root = try makeHealthSet()
        let first = try InspectJob(folders: [root]).run(in: context())
        let second = try InspectJob(folders: [root]).run(in: context())
        #expect(second.qualityComputed == 0 && second.qualityReused == 15)
        #expect(second.findings.map { $0.images.map(\.path) } == first.findings.map { $0.images.map(\.path) })
    }

    @Test("an image far from a tight cluster of near-identical images is the one outlier; the cluster are near-duplicates")
    func outlier() throws {
        let root = folder.folder("cluster")
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        let base = Fixtures.texture(width: 160, height: 120, seed: 30)
        for n in 0..<12 {
            try encoder.write(try editor.apply(.exposure(ev: 0.02 * Double(n)), to: base), to: folder.child("cluster/same\(n).jpg[Q=\(92 - n)]"))
        }
        try encoder.write(Fixtures.rectangles(width: 160, height: 120, seed: 31), to: folder.child("cluster/odd-one.png"))
        let result = try InspectJob(folders: [root]).run(in: context())
        let outliers = try #require(result.finding(.outlier))
        #expect(names(result, .outlier) == ["odd-one.png"], "\(outliers.images)")
        #expect(outliers.above.map { outliers.images[0].value > $0 } == true)
        #expect(outliers.rule.contains("5th nearest") && outliers.rule.contains("95th percentile"))
        let near = names(result, .nearDuplicate)
        #expect(near.count == 12 && !near.contains("odd-one.png"), "\(near)")
    }

    @Test("a set mostly grey flags no grey image, and says why")
    func greySet() throws {
        let root = folder.folder("grey")
        let editor = try ImageEditor(), encoder = try ImageEncoder()
        for seed in 40..<44 { try encoder.write(try editor.apply(.greyscale, to: Fixtures.texture(width: 96, height: 64, seed: UInt64(seed))), to: folder.child("grey/g\(seed).png")) }
        try encoder.write(Fixtures.texture(width: 96, height: 64, seed: 45), to: folder.child("grey/colour.png"))
        let finding = try #require(try InspectJob(folders: [root]).run(in: context()).finding(.greyscale))
        #expect(finding.images.isEmpty && finding.note?.contains("1 of 5") == true, "\(finding)")
    }

    @Test("a corrupt file gets its typed failure and the rest are inspected")
    func corruptFile() throws {
        let root = try makeHealthSet()
        _ = folder.file("health/broken.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array(repeating: 0, count: 40))
        let result = try InspectJob(folders: [root]).run(in: context())
        #expect(result.images == 15)
        let failures = (result.unreadable ?? []) + (result.skipped ?? [])
        let broken = try #require(failures.first { $0.path.hasSuffix("broken.jpg") })
        #expect([FailureKind.notAnImage, .corruptImage].contains(broken.kind), "\(broken)")
    }

    @Test("a missing path, a folder with no images and impossible settings are refused")
    func refusals() throws {
        let missing = folder.child("nowhere")
        #expect(throws: JobError.self) { try InspectJob(folders: [missing]).run(in: context()) }
        do { _ = try InspectJob(folders: [missing]).run(in: context()) } catch { #expect(error.description.contains("no such file or folder")) }
        let empty = folder.folder("empty")
        _ = folder.file("empty/notes.txt", bytes: Array("not an image".utf8))
        do {
            _ = try InspectJob(folders: [empty]).run(in: context())
            Issue.record("a folder with no images was inspected")
        } catch { #expect(error.description.contains("no images to inspect"), "\(error)") }
        let health = try makeHealthSet()
        for options in [InspectOptions(k: 0), InspectOptions(outlierPercentile: 100), InspectOptions(darkBelow: 210)] {
            do {
                _ = try InspectJob(folders: [health], options: options).run(in: context())
                Issue.record("\(options) was accepted")
            } catch { if case .invalidInput = error {} else { Issue.record("\(error)") } }
        }
    }
}
