import ArgumentParser
import Foundation
import LikenessAnalysis
import LikenessEngine
import LikenessReport

/// `likeness map`: a 2-D map of a collection.
struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Lay a collection out in two dimensions from its embeddings, pixels or a hash (an HTML map or CSV coordinates).",
        discussion: """
            Scans and embeds (or hashes) what is missing first. The vectors are those of `likeness \
            cluster`: the model's embeddings by default, --method pixels (the 16×16 grey thumbnail) or \
            --method HASH (a stored bit hash, each bit ±1/√bits), all at unit length. Points are coloured by folder (default), by a \
            clustering saved with `likeness cluster --save NAME`, or not at all. The HTML map is one \
            offline page: hover or click a point for its thumbnail and path, wheel to zoom, drag to pan.

            Examples:
              likeness map ~/Pictures --html map.html
              likeness map ~/Pictures --projection umap --html map.html
              likeness map ~/Pictures --colour cluster:holiday --html map.html --csv coords.csv
              likeness map ~/Pictures --method pixels --projection tsne --html px.html
            """)

    @Argument(help: ArgumentHelp("Folders to scan and map (default: everything in the catalog).", valueName: "dir"))
    var folders: [String] = []

    @OptionGroup var catalogOptions: CatalogOptions
    @OptionGroup var methodOptions: MethodOptions

    @Option(help: "Projection: pca, tsne or umap.")
    var projection: String = "pca"

    @Option(help: "tsne: perplexity (about the number of close neighbours each point keeps).")
    var perplexity: Double = 30

    @Option(help: "tsne: optimisation iterations.")
    var iterations: Int = 750

    @Option(help: "umap: neighbours of the fuzzy k-NN graph.")
    var neighbours: Int = 15

    @Option(help: "umap: how tightly points may pack (0…spread).")
    var minDistance: Double = 0.1

    @Option(help: "umap: optimisation epochs (default: 500 up to 10,000 points, else 200).")
    var epochs: Int?

    @Option(help: "Seed of every random choice (same seed, same map).")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Reduce the vectors first: none or pca:N.", valueName: "reduction"))
    var reduce: String?

    @Option(name: [.customLong("colour"), .customLong("color")], help: ArgumentHelp("Colour points by folder, cluster:NAME or none.", valueName: "colouring"))
    var colour: String = "folder"

    @Option(help: ArgumentHelp("Write the interactive map here.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the coordinates here as CSV (path, x, y, group).", valueName: "file"))
    var csv: String?

    @Flag(help: "Print the result as JSON on stdout.")
    var json = false

    /// Thumbnails are embedded in the page up to this many points; above it the page shows the files themselves.
    static let embeddedThumbnailLimit = 3000

    /// The projection options, resolved by the engine.
    var options: MapOptions {
        MapOptions(projection: projection, perplexity: perplexity, iterations: iterations, neighbours: neighbours,
                   minDistance: minDistance, epochs: epochs, seed: seed)
    }

    func run() throws {
        let job = MapJob(folders: folders, projection: try options.resolved(), reduction: try reduce.map { try Reduction(argument: $0) },
                         colouring: try MapColouring(argument: colour),
                         method: try ClusterMethod.resolving(method: methodOptions.method, model: methodOptions.model, models: MethodOptions.knownModels),
                         threads: methodOptions.threads)
        let result = try JobRunning.run(job, catalog: catalogOptions)
        DupesRendering.notes(scan: result.scan, skipped: result.skipped, stale: result.stale)
        if let csv {
            var text = CSV.line(["path", "x", "y", "group"]) + "\n"
            for point in result.points {
                text += CSV.line([point.path, String(point.x), String(point.y), point.group.map { result.groups[$0] } ?? ""]) + "\n"
            }
            try DupesRendering.write(text, to: csv)
            Output.note("coordinates: \(csv)")
        }
        if let html {
            let paths = result.points.map(\.path)
            let thumbnails = paths.count <= Self.embeddedThumbnailLimit ? try Thumbnails(size: 128).dataURIs(paths) : [:]
            let map = ScatterMap(points: result.points.map { .init(x: $0.x, y: $0.y, group: $0.group, path: $0.path) },
                                 groups: result.groups, thumbnails: thumbnails)
            try DupesRendering.write(MapReport(title: "Likeness map", summary: Self.summary(result), map: map).html(), to: html)
            Output.note("map: \(html)")
        }
        if json { try Output.json(result); return }
        Output.line(Self.summary(result))
    }

    static func summary(_ result: MapResult) -> String {
        var text = "\(result.points.count) images mapped by \(result.projection.summary) · \(result.method.summary)"
        if case let .pca(n) = result.reduction { text += " · after PCA to \(n) dimensions" }
        switch result.colouring {
        case .folder: text += " · coloured by folder (\(result.groups.count))"
        case let .cluster(name): text += " · coloured by clustering '\(name)' (\(result.groups.count) clusters)"
        case .none: break
        }
        return text
    }
}
