import Foundation
import Hummingbird
import LikenessCore
import LikenessEngine

/// The clusterings saved in the catalog (by `likeness cluster --save NAME` or a cluster job with
/// `save`), through the engine's ``SavedClusteringsJob``:
/// - `GET /api/v1/clusterings`: every one, newest first;
/// - `GET /api/v1/clusterings/{name}`: its members by cluster and its noise (only files inside the
///   roots), and the settings it was made with;
/// - `GET /api/v1/clusterings/{name}/agreement[?with=OTHER]`: adjusted Rand index and NMI against
///   another saved clustering, or against the images' folders without `with`.
///
/// An unknown name is 404 with the saved names in the message.
enum ClusteringRoutes {
    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        router.get("/api/v1/clusterings") { _, _ in
            try JSONResponse.encode(SavedClusteringsJob.Result(clusterings: try await list(services)))
        }
        router.get("/api/v1/clusterings/:name") { _, context in
            try JSONResponse.encode(try await show(try context.parameters.require("name"), services: services))
        }
        router.get("/api/v1/clusterings/:name/agreement") { request, context in
            try JSONResponse.encode(try await agreement(try context.parameters.require("name"), with: request.uri.queryParameters.get("with"),
                                                        services: services))
        }
    }

    /// How far a saved clustering agrees with another one, or with the folders (`other` nil).
    static func agreement(_ name: String, with other: String?, services: ServerServices) async throws(APIError) -> SavedClusteringsJob.Result {
        try await requireSaved([name] + (other.map { [$0] } ?? []), services: services)
        return try await services.read(SavedClusteringsJob(.compare(name, with: other)))
    }

    /// One saved clustering, its members confined to the roots.
    static func show(_ name: String, services: ServerServices) async throws(APIError) -> SavedClusteringsJob.Result {
        try await requireSaved([name], services: services)
        var result = try await services.read(SavedClusteringsJob(.show(name)))
        result.clusters = result.clusters?.map { $0.filter(services.serves) }
        result.noise = result.noise?.filter(services.serves)
        return result
    }

    /// Every saved clustering, newest first; none while nothing has been scanned (no catalog yet).
    static func list(_ services: ServerServices) async throws(APIError) -> [SavedClustering] {
        guard services.reader.mayExist else { return [] }
        return try await services.read(SavedClusteringsJob(.list)).clusterings
    }

    /// 404 unless every name is saved.
    private static func requireSaved(_ names: [String], services: ServerServices) async throws(APIError) {
        let saved = try await list(services).map(\.name)
        for name in names where !saved.contains(name) {
            throw APIError(.notFound, .notFound, "no saved clustering named '\(name)'"
                           + (saved.isEmpty ? "; none is saved yet" : "; saved: " + saved.joined(separator: ", ")))
        }
    }
}
