import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessEngine
import LikenessServer
import LikenessTestSupport
import Testing

@Suite struct CalibrationRouteTests {
    @Test("a sample job fills the pairs to label; labels go to the CLI's CSV at once; undo clears one; calibrating from too few is a typed refusal")
    func labelAndCalibrate() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let empty = try await client.send(.get, "/calibrate")
            #expect(empty.status == .ok && empty.text.contains("No pairs to label yet"))
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(["kind": "sample", "count": 3])).object()["id"] as? Int)
            let job = try #require(try await finishedJob(client, id: id)["job"] as? [String: Any])
            #expect(job["state"] as? String == "finished", "\(job)")
            let listing = try await client.send(.get, "/api/v1/calibration/pairs").object()
            let pairs = try #require(listing["pairs"] as? [[String: Any]])
            #expect(pairs.count == 3, "three images give three pairs")
            #expect(pairs.allSatisfy { $0["similarity"] == nil && $0["a"] != nil && $0["b"] != nil }, "blind by default")
            let revealed = try #require(try await client.send(.get, "/api/v1/calibration/pairs?reveal=true").object()["pairs"] as? [[String: Any]])
            #expect(revealed.allSatisfy { $0["similarity"] is Double })

            for (index, label) in ["same", "different", "skip"].enumerated() {
                let counts = try await client.send(.post, "/api/v1/calibration/labels", json: json(["index": index, "label": label]))
                #expect(counts.status == .ok, "\(counts.text)")
            }
            let file = try #require(listing["file"] as? String)
            var rows = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(rows.first == ["path_a", "path_b", "label", "similarity"])
            #expect(rows.dropFirst().map { String($0[2]) } == ["same", "different", ""], "a skipped pair has no label in the CSV")
            // Undo: the label of pair 0 is cleared.
            let cleared = try await client.send(.post, "/api/v1/calibration/labels", json: json(["index": 0, "label": NSNull()])).object()
            #expect(cleared["same"] as? Int == 0 && cleared["different"] as? Int == 1 && cleared["enough"] as? Bool == false)
            rows = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(String(rows[1][2]) == "")
            let missing = try await client.send(.post, "/api/v1/calibration/labels", json: json(["index": 99, "label": "same"]))
            #expect(missing.status == .notFound)

            // A new server over the same catalog finds the labels again.
            let again = try fixture.server().services.labels.counts
            #expect(again.pairs == 3 && again.different == 1)

            let calibrate = try #require(try await client.send(.post, "/api/v1/jobs", json: json(["kind": "calibrate"])).object()["id"] as? Int)
            let failed = try #require(try await finishedJob(client, id: calibrate)["job"] as? [String: Any])
            #expect(failed["state"] as? String == "failed")
            #expect((failed["error"] as? [String: Any])?["code"] as? String == "invalid-input", "\(failed)")
            let page = try await client.send(.get, "/calibrate?pair=1")
            #expect(page.text.contains("Pair 2 of 3") && page.text.contains("<strong>invalid-input</strong>"))
        }
    }

    @Test("a calibration from enough labels shows its histograms and ROC and PR curves on the page, with the saved threshold marked")
    func calibrationCharts() async throws {
        let fixture = try ServerFixture()
        for seed in 4...13 { try Fixtures.writePattern(to: fixture.folder.child("root/album/\(seed).png"), width: 96, height: 64, seed: UInt64(seed)) }
        let images = try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/album").sorted().map { fixture.root + "/album/" + $0 }
        var rows = ["path_a,path_b,label,similarity"]
        for i in images.indices { for j in images.indices where j > i { rows.append("\(images[i]),\(images[j]),\(rows.count <= 30 ? "same" : "different"),") } }
        #expect(rows.count - 1 == 66, "twelve images give 66 pairs: 30 same and 36 different")
        try fixture.scan()
        let file = try fixture.server().services.labels.file
        try (rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let calibrate = try #require(try await client.send(.post, "/api/v1/jobs", json: json(["kind": "calibrate"])).object()["id"] as? Int)
            let finished = try #require(try await finishedJob(client, id: calibrate)["job"] as? [String: Any])
            #expect(finished["state"] as? String == "finished", "\(finished)")
            let page = try await client.send(.get, "/calibrate")
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.text.components(separatedBy: "<svg").count - 1 == 3, "the histogram, ROC and precision–recall")
            #expect(page.text.contains("aria-label=\"score histograms\"") && page.text.contains("class=\"marker\""))
            #expect(page.text.contains("same (30)") && page.text.contains("different (36)"), "each series counted in its legend")
        }
    }
}
