import Foundation
import LikenessCatalog
@testable import LikenessPostgres
import Testing

/// `status --json` carries each queue's counts beside its task or root, flat, and reads back.
@Suite struct QueueStatusCodingTests {
    @Test("task and scan counts encode flat and decode to the same values")
    func flatAndRoundTrip() throws {
        let status = QueueStatus(
            images: 7,
            tasks: [.init(task: WorkTask(kind: .embed, method: "m", version: "v"), items: .init(pending: 1, leased: 2, expired: 3, done: 4, failed: 5))],
            scans: [.init(root: "/photos", items: .init(pending: 6, done: 9))],
            workers: [])
        let data = try JSONEncoder().encode(status)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let task = try #require((object["tasks"] as? [[String: Any]])?.first)
        #expect(task["pending"] as? Int == 1 && task["expired"] as? Int == 3 && task["failed"] as? Int == 5)
        #expect(task["task"] != nil && task["items"] == nil)
        let scan = try #require((object["scans"] as? [[String: Any]])?.first)
        #expect(scan["root"] as? String == "/photos" && scan["pending"] as? Int == 6 && scan["done"] as? Int == 9)
        #expect(try JSONDecoder().decode(QueueStatus.self, from: data) == status)
        var counts = status.tasks[0]
        counts.done += 1
        #expect(counts.items.done == 5 && counts.items.summary == "1 pending, 2 leased, 3 expired, 5 done, 5 failed")
    }
}
