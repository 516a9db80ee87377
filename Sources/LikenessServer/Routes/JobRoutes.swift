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
            let job = services.runner.submit(try start.resolved(in: services.configuration.confinement, labels: services.labels, models: services.configuration.models,
                                                                   index: services.configuration.index))
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
