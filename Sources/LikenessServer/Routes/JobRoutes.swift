import Foundation
import Hummingbird

/// `/api/v1/jobs`: start, list, follow and cancel the engine jobs.
enum JobRoutes {
    /// A job with its result once it has one.
    struct Detail: Encodable, Sendable {
        var job: JobSnapshot
        var result: JobOutcome?
    }

    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        let jobs = router.group("/api/v1/jobs")
        jobs.get { _, _ in try JSONResponse.encode(services.runner.jobs()) }
        jobs.post { request, _ in
            let start = try await JSONResponse.decode(JobStart.self, from: request)
            let job = services.runner.submit(try start.resolved(in: services.configuration.confinement, labels: services.labels))
            return try JSONResponse.encode(job, status: .accepted)
        }
        jobs.get("/:id") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            guard let job = services.runner.snapshot(id) else { throw notFound(id) }
            return try JSONResponse.encode(Detail(job: job, result: services.runner.outcome(id)))
        }
        jobs.post("/:id/cancel") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            guard let job = services.runner.cancel(id) else { throw notFound(id) }
            return try JSONResponse.encode(job, status: .accepted)
        }
        jobs.get("/:id/events") { _, context in
            let id = try context.parameters.require("id", as: Int.self)
            guard services.runner.snapshot(id) != nil else { throw notFound(id) }
            return ProgressEvents.stream(job: id, runner: services.runner)
        }
    }

    static func notFound(_ id: Int) -> APIError { APIError(.notFound, .notFound, "no job \(id)") }
}

/// A job's progress as server-sent events: an `event: job` with the snapshot each time it changes,
/// and the stream ends once the job has ended (with its final snapshot).
enum ProgressEvents {
    static func stream(job id: Int, runner: JobRunner, interval: Duration = .milliseconds(200)) -> Response {
        let body = ResponseBody { writer in
            var last: JobSnapshot?
            var quiet = Duration.zero
            while let snapshot = runner.snapshot(id) {
                if snapshot != last {
                    let data = try JSONResponse.encoder().encode(snapshot)
                    try await writer.write(ByteBuffer(string: "event: job\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
                    last = snapshot
                    quiet = .zero
                } else if quiet >= .seconds(15) {
                    try await writer.write(ByteBuffer(string: ": still running\n\n"))
                    quiet = .zero
                }
                if snapshot.state.isTerminal { break }
                try await Task.sleep(for: interval)
                quiet += interval
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }
}
