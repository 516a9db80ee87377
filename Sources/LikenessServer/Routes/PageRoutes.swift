import Foundation
import Hummingbird
import LikenessCore
import LikenessEngine

/// The HTML pages, rendered on the server from the same values the API returns.
enum PageRoutes {
    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        let roots = services.configuration.confinement.roots.map(\.path)
        router.get("/") { request, _ in
            var problem: APIError?
            var listing: LibraryRoutes.FolderListing?
            if let folder = request.uri.queryParameters["folder"].map(String.init) {
                do throws(APIError) { listing = try LibraryRoutes.listing(services, folder: folder, offset: 0, limit: 500) } catch { problem = error }
            }
            let summary = try LibraryRoutes.summary(services)
            return TextResponse.html(LibraryPage.html(summary: summary, jobs: services.runner.jobs(), listing: listing, problem: problem),
                                     status: problem.map { $0.status } ?? .ok)
        }
        router.get("/dupes") { request, _ in
            let page = max(1, request.uri.queryParameters.get("page", as: Int.self) ?? 1)
            do throws(APIError) {
                let review = try services.review.page(offset: (page - 1) * DupesPages.perPage, limit: DupesPages.perPage,
                                                      tier: try DupesRoutes.tier(request))
                return TextResponse.html(DupesPages.overview(review, roots: roots, moves: DupesRoutes.journals(services)))
            } catch {
                return TextResponse.html(DupesPages.empty(error), status: error.code == .badRequest ? error.status : .ok)
            }
        }
        router.get("/dupes/:id") { _, context in
            let detail = try DupesRoutes.detail(services, id: try context.parameters.require("id", as: Int.self))
            return TextResponse.html(DupesPages.compare(detail, roots: roots))
        }
        router.get("/search") { request, _ in
            let models = services.models
            let named = request.uri.queryParameters.get("model")
            do throws(APIError) {
                let model = try services.model(named)
                guard let id = request.uri.queryParameters.get("image", as: Int64.self) else {
                    return TextResponse.html(SearchPage.html(query: nil, found: nil, problem: nil, models: models, model: model))
                }
                let image = try services.reader.image(id: id)
                let found = try await SearchRoutes.search(image.path, k: 24, model: model, query: ImageSummary(image), services: services)
                return TextResponse.html(SearchPage.html(query: ImageSummary(image), found: found, problem: nil, models: models, model: model))
            } catch {
                return TextResponse.html(SearchPage.html(query: nil, found: nil, problem: error, models: models, model: named ?? ModelDefaults.model),
                                         status: error.status)
            }
        }
        router.get("/novelty") { _, _ in
            let summary = try LibraryRoutes.summary(services)
            let folders = summary.roots.flatMap { [$0.path] + $0.folders.map(\.path) }
            let uniqueFolders = folders.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let job = services.runner.jobs().first { $0.kind == .novelty }
            var rows: [NoveltyPage.Row] = []
            var threshold: Float?
            if let job, case .novelty(let result)? = services.runner.outcome(job.id) {
                threshold = result.threshold
                let images = try services.reader.images(at: result.queries.flatMap { [$0.query] + ($0.nearest.map { [$0] } ?? []) })
                rows = result.queries.map { row in
                    NoveltyPage.Row(query: images[row.query].map(ImageSummary.init), queryPath: row.query,
                                    nearest: row.nearest.flatMap { images[$0] }.map(ImageSummary.init), similarity: row.similarity, novel: row.novel)
                }
            }
            return TextResponse.html(NoveltyPage.html(folders: uniqueFolders, roots: roots, job: job, threshold: threshold, rows: rows))
        }
        router.get("/clusters") { request, _ in
            let summary = try LibraryRoutes.summary(services)
            let folders = summary.roots.flatMap { [$0.path] + $0.folders.map(\.path) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let job = services.runner.jobs().first { $0.kind == .cluster }
            var saved = ClustersPage.Saved(list: try await ClusteringRoutes.list(services))
            let query = request.uri.queryParameters
            var result: ClusterResult?
            var shownPaths: [String] = []
            do throws(APIError) {
                if let name = query.get("saved") {
                    let shown = try await ClusteringRoutes.show(name, services: services)
                    saved.shown = (name, shown)
                    shownPaths = (shown.clusters ?? []).flatMap { $0 } + (shown.noise ?? [])
                } else if let job, case .cluster(let found)? = services.runner.outcome(job.id) {
                    result = found
                    shownPaths = (found.map ?? []).map(\.path) + found.noise
                }
                if let name = query.get("compare") {
                    let other = query.get("with").flatMap { $0.isEmpty ? nil : $0 }
                    saved.agreement = try await ClusteringRoutes.agreement(name, with: other, services: services)
                }
            } catch {
                saved.problem = error.message
            }
            var thumbnails: [String: String] = [:]
            if !shownPaths.isEmpty {
                for (path, image) in try services.reader.images(at: shownPaths) { thumbnails[path] = "/api/v1/images/\(image.id)/thumbnail" }
            }
            return TextResponse.html(ClustersPage.html(folders: folders, roots: roots, job: job, result: result, saved: saved, thumbnails: thumbnails))
        }
        router.get("/calibrate") { request, _ in
            let reveal = request.uri.queryParameters.get("reveal", as: Bool.self) ?? false
            let listing = try CalibrationRoutes.listing(services, reveal: reveal)
            let summary = try LibraryRoutes.summary(services)
            let folders = summary.roots.flatMap { [$0.path] + $0.folders.map(\.path) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let job = services.runner.jobs().first { $0.kind == .calibrate }
            return TextResponse.html(CalibrationPage.html(listing: listing, index: request.uri.queryParameters.get("pair", as: Int.self),
                                                          folders: folders, roots: roots, calibration: job.map { ($0, services.runner.outcome($0.id)) },
                                                          reveal: reveal))
        }
        router.get("/login") { _, _ in TextResponse.html(LoginPage.html(failed: false)) }
        router.post("/login") { request, _ in
            guard let token = services.configuration.token else { return Response(status: .seeOther, headers: [.location: "/"]) }
            var request = request
            let body = (try? await request.collectBody(upTo: 4096)).map { String(buffer: $0) } ?? ""
            let given = URLEncodedFields.value(of: "token", in: body) ?? ""
            guard token.matches(given.utf8) else { return TextResponse.html(LoginPage.html(failed: true), status: .unauthorized) }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(services.session.cookie)
            return response
        }
    }
}
