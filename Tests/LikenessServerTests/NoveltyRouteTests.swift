import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessServer
import LikenessTestSupport
import Testing

@Suite struct NoveltyRouteTests {
    @Test("a novelty run's page shows each query beside its nearest reference and the similarity histogram with the threshold line the slider moves")
    func noveltyPageChart() async throws {
        let fixture = try ServerFixture()
        fixture.folder.folder("root/new")
        try Fixtures.writePattern(to: fixture.folder.child("root/new/d.png"), width: 96, height: 64, seed: 4)
        try Fixtures.writePattern(to: fixture.folder.child("root/new/e.png"), width: 96, height: 64, seed: 5)
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let start = json(["kind": "novelty", "reference": fixture.root + "/album", "query": fixture.root + "/new", "threshold": 0.99])
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: start).object()["id"] as? Int)
            let finished = try #require(try await finishedJob(client, id: id)["job"] as? [String: Any])
            #expect(finished["state"] as? String == "finished", "\(finished)")
            let page = try await client.send(.get, "/novelty")
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "data-similarity=").count - 1 == 2, "both query images, each beside its nearest reference")
            let chart = try #require(page.text.range(of: "<div class=\"novelty-chart\">").map { String(page.text[$0.upperBound...]) })
            #expect(chart.hasPrefix("<svg") && chart.contains("class=\"marker\"") && chart.contains("query images (2)"), "\(chart.prefix(400))")
            #expect(chart.contains("data-low=") && chart.contains("data-span="), "the axis the slider's script needs")
            #expect(chart.contains("threshold 0.99"), "the line sits at the run's threshold")
        }
    }
}
