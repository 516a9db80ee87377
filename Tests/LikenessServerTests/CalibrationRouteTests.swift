import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessEngine
import LikenessServer
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
}
