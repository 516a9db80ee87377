import Foundation
import LikenessCore
@testable import LikenessEngine
import LikenessImaging
import LikenessTestSupport
import Testing

/// The engine jobs as a server would call them: typed configuration in, typed result out.
@Suite(.serialized) struct JobTests {
    let folder = TemporaryDirectory("jobs")

    func context(_ name: String = "c.sqlite", cancelled: Bool = false, workers: Int = 2) -> JobContext {
        let token = CancellationToken()
        if cancelled { token.cancel() }
        return JobContext(catalogPath: folder.child(name),
                          models: ModelLocator(modelsDirectory: TestModels.modelsDirectory, runtimeLibrary: TestModels.runtimeLibrary),
                          cancellation: token, workers: workers)
    }

    /// Three unrelated patterns, and a half-size copy of the first.
    func makeSet() throws -> String {
        let photos = folder.folder("photos")
        try Fixtures.writeBlurredPatterns(in: photos, count: 3)
        return photos
    }

    @Test("dupes results decode back into the mode they came from, and a broken one is an error, not another mode")
    func dupesOutputShapes() throws {
        let photos = folder.folder("shapes")
        for seed in 1...2 { _ = try Fixtures.writePattern(to: folder.child("shapes/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        try FileManager.default.copyItem(atPath: folder.child("shapes/1.png"), toPath: folder.child("shapes/1-copy.png"))
        let outputs = try [DupesJob.Mode.exact, .hash(.bits(.pHash), threshold: nil), .embedding(DuplicateConfiguration())].map { mode in
            try DupesJob(folders: [photos], mode: mode).run(in: context("shapes.sqlite"))
        }
        let decoded = try outputs.map { try JSONDecoder().decode(DupesJob.Output.self, from: JSONEncoder().encode($0)) }
        if case .exact(let result) = decoded[0] { #expect(result.groups.count == 1) } else { #expect(Bool(false), "exact decoded as another mode") }
        if case .hash = decoded[1] {} else { #expect(Bool(false), "hash decoded as another mode") }
        if case .embedding(let result) = decoded[2] { #expect(result.model == ModelDefaults.model) } else { #expect(Bool(false), "embedding decoded as another mode") }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DupesJob.Output.self, from: Data(#"{"model": "m", "groups": []}"#.utf8)) }
    }

    @Test("search: a copy finds its original first, a catalogued query never finds itself, a missing query is named")
    func search() throws {
        let photos = try makeSet()
        _ = try ScanJob(roots: [photos]).run(in: context())
        let results = try SearchJob(queries: [folder.child("photos/1-half.png")], k: 2).run(in: context()).queries
        #expect(results.count == 1)
        #expect(results[0].matches.map { ($0.path as NSString).lastPathComponent }.first == "1.png")
        #expect(results[0].matches.allSatisfy { !$0.path.hasSuffix("1-half.png") })
        #expect(results[0].matches.count == 2)
        #expect(throws: JobError.self) { try SearchJob(queries: [folder.child("nope.jpg")]).run(in: context()) }
        do { _ = try SearchJob(queries: [folder.child("nope.jpg")]).run(in: context()) } catch {
            #expect(error.description.contains("nope.jpg"))
        }
    }

    @Test("hash: the same lines on one worker and on three, and a broken file gets its own error line")
    func hashWorkers() throws {
        var files: [String] = []
        _ = folder.folder("h")
        for seed in 1...6 { files.append(try Fixtures.writePattern(to: folder.child("h/\(seed).png"), seed: UInt64(seed))) }
        files.insert(folder.file("h/broken.png", bytes: Array("not a png".utf8)), at: 3)
        let one = try HashJob(files: files, methods: [.bits(.pHash), .features(.radialVariance)]).run(in: context(workers: 1))
        let three = try HashJob(files: files, methods: [.bits(.pHash), .features(.radialVariance)]).run(in: context(workers: 3))
        #expect(one == three)
        #expect(one.map(\.path) == files)
        #expect(one[3].error != nil && one[3].hashes == nil)
        let good = one.filter { $0.error == nil }
        #expect(good.count == 6)
        for line in good {
            #expect(line.hashes?["phash"]?.count == 16)
            #expect(line.features?["radial"]?.count == 40)
        }
    }

    @Test("an index build stopped on request ends its job as a cancellation; a library failure stays a failure")
    func stoppedBuild() {
        #expect(JobError.wrapping(VectorIndexError.stopped).isCancellation)
        #expect(!JobError.wrapping(VectorIndexError.backend(library: "FAISS", operation: "add", code: 1, message: "no")).isCancellation)
    }

    @Test("a cancelled context stops hashing and embedding with .cancelled, and stores nothing it did not finish")
    func cancellation() throws {
        let photos = try makeSet()
        #expect(throws: JobError.self) { try HashJob(files: [folder.child("photos/1.png")]).run(in: context(cancelled: true)) }
        let scan = try ScanJob(roots: [photos]).run(in: context("cancel.sqlite", cancelled: true))
        #expect(scan.interrupted)
        _ = try ScanJob(roots: [photos]).run(in: context("cancel.sqlite"))
        do {
            _ = try EmbedJob().run(in: context("cancel.sqlite", cancelled: true))
            Issue.record("a cancelled embed returned")
        } catch {
            #expect(error.isCancellation)
        }
        let after = try EmbedJob().run(in: context("cancel.sqlite"))
        #expect(after.embedded == 4, "nothing was stored by the cancelled run, so all four embed now")
    }

    @Test("compare judges the embedding row by the dupes rule: its verdict matches dupes' groups pair by pair")
    func compareAgreesWithDupes() throws {
        let photos = try makeSet()
        guard case .embedding(let dupes) = try DupesJob(folders: [photos]).run(in: context()) else { Issue.record("not embedding mode"); return }
        let grouped = Set(dupes.groups.flatMap { group in group.members.dropFirst().map { [group.keep, $0.path].sorted() } })
        #expect(grouped == [[folder.child("photos/1-half.png"), folder.child("photos/1.png")]])
        let files = ["1.png", "1-half.png", "2.png"].map { folder.child("photos/\($0)") }
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let rows = try CompareJob(a: files[a], b: files[b]).run(in: context())
            let row = try #require(rows.last)
            #expect(row.method.contains("cosine"))
            #expect(row.duplicate == grouped.contains([files[a], files[b]].sorted()), "\(files[a]) vs \(files[b]): \(row.rule ?? "")")
            #expect(row.rule?.isEmpty == false)
        }
    }

    @Test("dupes refuses a missing folder and --move-to outside the embedding mode")
    func dupesInput() throws {
        #expect(throws: JobError.self) { try DupesJob(folders: [folder.child("missing")]).run(in: context()) }
        let photos = try makeSet()
        #expect(throws: JobError.self) { try DupesJob(folders: [photos], mode: .exact, moveTo: folder.child("aside")).run(in: context()) }
        #expect(!FileManager.default.fileExists(atPath: folder.child("aside")))
    }
}
