import Foundation
import Hummingbird
import HummingbirdTesting
import LikenessCore
import LikenessEngine
import LikenessServer
import Synchronization
import Testing

@Suite struct JobRouteTests {
    /// An executor that reports progress, then waits until its job is cancelled, counting what it ran.
    final class Ran: Sendable {
        let summaries = Mutex<[String]>([])
    }

    static func waitingExecutor(ran: Ran) -> JobRunner.Executor {
        { request, context throws(JobError) in
            ran.summaries.withLock { $0.append(request.summary) }
            context.progress.begin("testing", total: 3)
            context.progress.advance("testing", completed: 1, total: 3)
            while !context.cancellation.isCancelled { usleep(2000) }
            throw .cancelled
        }
    }

    @Test("start, progress and cancel through the API: a running job shows its progress and stops on cancel; a queued one never runs")
    func startProgressCancel() async throws {
        let fixture = try ServerFixture()
        let ran = Ran()
        let app = try fixture.server(executor: Self.waitingExecutor(ran: ran)).application()
        try await app.test(.router) { client in
            let first = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan"]))
            #expect(first.status == .accepted)
            let firstID = try #require(try first.object()["id"] as? Int)
            let second = try await client.send(.post, "/api/v1/jobs", json: json(["kind": "embed"]))
            let secondID = try #require(try second.object()["id"] as? Int)
            // The first runs and reports 1 of 3; the second waits in the queue.
            var progress: [String: Any]?
            for _ in 0..<400 {
                let job = try await client.send(.get, "/api/v1/jobs/\(firstID)").object()["job"] as? [String: Any]
                if let reported = job?["progress"] as? [String: Any] { progress = reported; break }
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(progress?["phase"] as? String == "testing" && progress?["completed"] as? Int == 1 && progress?["total"] as? Int == 3)
            let queued = try await client.send(.get, "/api/v1/jobs/\(secondID)").object()["job"] as? [String: Any]
            #expect(queued?["state"] as? String == "queued")
            // Cancel the queued one first: it ends at once and never runs.
            let cancelledQueued = try await client.send(.post, "/api/v1/jobs/\(secondID)/cancel").object()
            #expect(cancelledQueued["state"] as? String == "cancelled")
            let cancelledRunning = try await client.send(.post, "/api/v1/jobs/\(firstID)/cancel")
            #expect(cancelledRunning.status == .accepted)
            // The event stream of the first ends once it has stopped, with its final state.
            let events = try await client.send(.get, "/api/v1/jobs/\(firstID)/events")
            #expect(events.headers[.contentType] == "text/event-stream")
            let last = try #require(events.text.components(separatedBy: "\n\n").last { $0.hasPrefix("event: job") })
            #expect(last.contains("\"state\":\"cancelled\"") && last.contains("\"code\":\"cancelled\""), "\(events.text)")
            let detail = try await finishedJob(client, id: secondID)
            #expect((detail["job"] as? [String: Any])?["state"] as? String == "cancelled")
            #expect(ran.summaries.withLock { $0 } == ["scan " + fixture.root], "only the first job ran")
            let unknown = try await client.send(.post, "/api/v1/jobs/999/cancel")
            #expect(unknown.status == .notFound && unknown.errorCode == "not-found")
        }
    }

    @Test("a job that fails shows the typed code of its JobError and its message")
    func typedFailure() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server(executor: { _, _ throws(JobError) in throw .invalidInput("the model is not installed; run make setup") }).application()
        try await app.test(.router) { client in
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(["kind": "dupes"])).object()["id"] as? Int)
            let job = try #require(try await finishedJob(client, id: id)["job"] as? [String: Any])
            #expect(job["state"] as? String == "failed")
            let error = try #require(job["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid-input" && error["message"] as? String == "the model is not installed; run make setup")
            let page = try await client.send(.get, "/")
            #expect(page.text.contains("<strong>invalid-input</strong> the model is not installed; run make setup"))
        }
    }

    @Test("a real scan job catalogues the root: its events end finished and its result counts the files")
    func realScan() async throws {
        let fixture = try ServerFixture()
        let app = try fixture.server().application()
        try await app.test(.router) { client in
            let id = try #require(try await client.send(.post, "/api/v1/jobs", json: json(["kind": "scan"])).object()["id"] as? Int)
            let events = try await client.send(.get, "/api/v1/jobs/\(id)/events")
            #expect(events.text.contains("\"state\":\"finished\""), "\(events.text)")
            let detail = try await finishedJob(client, id: id)
            let result = try #require(detail["result"] as? [String: Any])
            #expect(result["discovered"] as? Int == 3 && result["images"] as? Int == 3)
            let library = try await client.send(.get, "/api/v1/library").object()
            #expect((library["roots"] as? [[String: Any]])?.first?["images"] as? Int == 3)
            let listing = try await client.send(.get, "/api/v1/library/images?folder=\(fixture.root)/album").object()
            #expect((listing["images"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["a.png", "b.png"])
        }
    }

    @Test("on shutdown the runner cancels every job and waits until the running one has stopped")
    func stopWaitsForTheRunningJob() async throws {
        let fixture = try ServerFixture()
        let ran = Ran()
        let services = ServerServices(configuration: try fixture.configuration(), executor: Self.waitingExecutor(ran: ran))
        let running = services.runner.submit(.scan(folders: [fixture.root]))
        let queued = services.runner.submit(.embed(folders: [fixture.root]))
        while services.runner.snapshot(running.id)?.state != .running { try await Task.sleep(for: .milliseconds(5)) }
        await services.runner.stop()
        #expect(services.runner.snapshot(running.id)?.state == .cancelled)
        #expect(services.runner.snapshot(queued.id)?.state == .cancelled)
        #expect(ran.summaries.withLock { $0.count } == 1)
    }
}
