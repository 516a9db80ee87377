import Foundation
import Hummingbird
import LikenessEngine

/// `/api/v1/dupes` and `/api/v1/moves`: the groups under review, moving the copies not kept (with a
/// preview first), undoing a move, and dismissing groups.
enum DupesRoutes {
    struct GroupDetail: Codable, Sendable {
        var result: Int
        var group: ReviewGroup
        /// Its place in the review order, from 0, and the number of groups.
        var position: Int
        var count: Int
        var previous: Int?
        var next: Int?
    }

    struct MoveDone: Encodable, Sendable {
        var plan: MovePlan
        var run: DuplicateMover.Run
    }

    struct UndoRequest: Codable, Sendable {
        var journal: String
    }

    /// Takes back the latest decision on one group of the review.
    struct DecisionUndo: Codable, Sendable {
        var result: Int
        var group: Int
    }

    struct Journal: Codable, Sendable {
        var journal: String
        var moved: Int
    }

    /// The `tier` query parameter (`identical`, `same-picture`, `same-scene`), nil when absent.
    static func tier(_ request: Request) throws(APIError) -> DuplicateTier? {
        guard let text = request.uri.queryParameters.get("tier"), !text.isEmpty else { return nil }
        guard let tier = DuplicateTier(rawValue: text) else {
            throw APIError(.badRequest, .badRequest,
                           "unknown tier '\(text)'; valid: \(DuplicateTier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return tier
    }

    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        router.get("/api/v1/dupes") { request, _ in
            try JSONResponse.encode(try services.review.page(offset: request.uri.queryParameters.get("offset", as: Int.self) ?? 0,
                                                             limit: request.uri.queryParameters.get("limit", as: Int.self) ?? 50,
                                                             tier: try tier(request)))
        }
        router.get("/api/v1/dupes/groups/:id") { _, context in
            try JSONResponse.encode(try detail(services, id: try context.parameters.require("id", as: Int.self)))
        }
        router.post("/api/v1/dupes/moves/preview") { request, _ in
            let selection = try await JSONResponse.decode(MoveSelection.self, from: request)
            return try JSONResponse.encode(try services.review.plan(selection, destination: services.configuration.trash))
        }
        router.post("/api/v1/dupes/moves") { request, _ in
            let selection = try await JSONResponse.decode(MoveSelection.self, from: request)
            let plan = try services.review.plan(selection, destination: services.configuration.trash)
            if let warning = plan.warning, selection.force != true {
                throw APIError(.conflict, .conflict, warning + ". Nothing was moved: look at the groups first, then confirm with \"force\": true")
            }
            let outcome = try await services.runAndWait(.move(paths: plan.moves.map(\.path), destination: plan.destination,
                                                              roots: services.configuration.confinement.roots.map(\.path)))
            guard case .move(let run) = outcome else { throw APIError(.internalServerError, .failed, "the move job returned something else") }
            return try JSONResponse.encode(MoveDone(plan: plan, run: run))
        }
        router.post("/api/v1/dupes/decisions") { request, _ in
            let decision = try await JSONResponse.decode(DecisionRequest.self, from: request)
            let found = try services.review.group(decision.group)
            guard found.result == decision.result else {
                throw APIError(.conflict, .conflict, "this group is from dupes job \(decision.result), but the review now shows job \(found.result); reload")
            }
            let paths = try decidedPaths(decision, group: found.group)
            let outcome = try await services.runAndWait(.decide(.keepAll(paths)))
            guard case .decide(let result) = outcome else { throw APIError(.internalServerError, .failed, "the decisions job returned something else") }
            services.review.dismissed(group: decision.group, paths: paths, keepAll: decision.kind == .keepAll)
            return try JSONResponse.encode(result)
        }
        router.post("/api/v1/dupes/decisions/undo") { request, _ in
            let undo = try await JSONResponse.decode(DecisionUndo.self, from: request)
            let decided = try services.review.decision(on: undo.group, result: undo.result)
            let outcome = try await services.runAndWait(.decide(.forget(decided.paths)))
            guard case .decide(let result) = outcome else { throw APIError(.internalServerError, .failed, "the decisions job returned something else") }
            services.review.restored(decided)
            return try JSONResponse.encode(result)
        }
        router.get("/api/v1/moves") { _, _ in
            try JSONResponse.encode(journals(services))
        }
        router.post("/api/v1/moves/undo") { request, _ in
            let undo = try await JSONResponse.decode(UndoRequest.self, from: request)
            let journal = try checkedJournal(undo.journal, services: services)
            let outcome = try await services.runAndWait(.undo(journal: journal))
            guard case .undo(let result) = outcome else { throw APIError(.internalServerError, .failed, "the undo job returned something else") }
            services.review.undone(journal: journal)
            return try JSONResponse.encode(result)
        }
    }

    static func detail(_ services: ServerServices, id: Int) throws(APIError) -> GroupDetail {
        let found = try services.review.group(id)
        let order = services.review.order()
        return GroupDetail(result: found.result, group: found.group, position: found.position, count: found.count,
                           previous: found.position > 0 ? order[found.position - 1] : nil,
                           next: found.position + 1 < order.count ? order[found.position + 1] : nil)
    }

    /// The files a decision is about: every member for keep all, else the two named members.
    static func decidedPaths(_ decision: DecisionRequest, group: ReviewGroup) throws(APIError) -> [String] {
        switch decision.kind {
        case .keepAll:
            return group.members.map(\.path)
        case .notDuplicates:
            let ids = Set(decision.images ?? [])
            let members = group.members.filter { member in member.image.map { ids.contains($0.id) } ?? false }
            guard ids.count == 2, members.count == 2 else {
                throw APIError(.unprocessableContent, .invalidInput, "name two members of group \(group.id) in images: [id, id]")
            }
            return members.map(\.path)
        }
    }

    /// The move journals in the trash, newest first.
    static func journals(_ services: ServerServices) -> [Journal] {
        DuplicateMover.journals(in: services.configuration.trash).reversed().map { path in
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return Journal(journal: path, moved: text.components(separatedBy: "\"event\":\"done\"").count - 1)
        }
    }

    /// A journal the client names must be one of the trash's journals: never any other file.
    static func checkedJournal(_ path: String, services: ServerServices) throws(APIError) -> String {
        guard let real = RootConfinement.realPath(path) else { throw APIError(.notFound, .notFound, "no such journal") }
        let known = DuplicateMover.journals(in: services.configuration.trash)
        guard let match = known.first(where: { RootConfinement.realPath($0) == real }) else { throw APIError.outsideRoots }
        return match
    }
}
