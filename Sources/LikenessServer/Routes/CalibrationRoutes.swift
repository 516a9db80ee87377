import Foundation
import Hummingbird
import LikenessCore

/// `/api/v1/calibration`: the pairs to label, their labels, and the counts that decide when a
/// calibration can run. Labelling is blind: the cosine is sent only with `?reveal=true`.
enum CalibrationRoutes {
    struct PairView: Codable, Sendable {
        var index: Int
        var a: ImageSummary?
        var b: ImageSummary?
        var label: LabelStore.Label?
        var similarity: Float?
    }

    struct Listing: Codable, Sendable {
        var file: String
        var counts: LabelStore.Counts
        var pairs: [PairView]
    }

    struct LabelRequest: Codable, Sendable {
        var index: Int
        /// same, different or skip; null clears the label (undo).
        var label: LabelStore.Label?
    }

    static func add(to router: Router<some RequestContext>, services: ServerServices) {
        router.get("/api/v1/calibration/pairs") { request, _ in
            try JSONResponse.encode(try listing(services, reveal: request.uri.queryParameters.get("reveal", as: Bool.self) ?? false))
        }
        router.post("/api/v1/calibration/labels") { request, _ in
            let body = try await JSONResponse.decode(LabelRequest.self, from: request)
            try services.labels.label(body.index, as: body.label)
            return try JSONResponse.encode(services.labels.counts)
        }
    }

    /// Every pair with its images (those outside the roots or no longer catalogued show as nil).
    static func listing(_ services: ServerServices, reveal: Bool) throws(APIError) -> Listing {
        let entries = services.labels.all
        let images = entries.isEmpty ? [:] : try services.reader.images(at: entries.flatMap { [$0.pair.a, $0.pair.b] })
        let inside = { (path: String) -> ImageSummary? in
            guard let image = images[path], let real = RootConfinement.realPath(path),
                  services.configuration.confinement.contains(resolved: real) else { return nil }
            return ImageSummary(image)
        }
        let pairs = entries.enumerated().map { index, entry in
            PairView(index: index, a: inside(entry.pair.a), b: inside(entry.pair.b), label: entry.label, similarity: reveal ? entry.pair.similarity : nil)
        }
        return Listing(file: services.labels.file, counts: services.labels.counts, pairs: pairs)
    }
}
