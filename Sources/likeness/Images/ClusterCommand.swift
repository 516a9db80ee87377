import ArgumentParser
import LikenessCore
import Foundation
import LikenessANN
import LikenessAnalysis
import LikenessEngine
import LikenessReport

/// `likeness cluster`: group a collection by its embeddings (or pixels, or a hash), and keep, list and show saved clusterings.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Group images into clusters by their embeddings (or pixels, or a hash); save, list and show clusterings.",
        discussion: """
            Without a subcommand, clusters the images under the folders (or the whole catalog), \
            scanning and embedding (or hashing) what is missing first. Each cluster is listed with its size, its \
            cohesion (mean cosine similarity to the cluster's mean direction) and its medoid (the most \
            typical image); members are ordered most typical first.

            Examples:
              likeness cluster ~/Pictures/holiday --algorithm kmeans --k 8 --html clusters.html
              likeness cluster ~/Pictures/holiday --k 8 --save holiday
              likeness cluster list
              likeness cluster show holiday
              likeness cluster compare holiday holiday-hdbscan
              likeness cluster ~/Pictures/holiday --auto --labels folders
              likeness cluster ~/Pictures/holiday --k 8 --best --html best-shots.html
              likeness cluster ~/Pictures/holiday --method phash --algorithm dbscan --eps 0.5 --min-samples 2
            """,
        subcommands: [Run.self, List.self, Show.self, Compare.self, Delete.self],
        defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cluster the images under the folders (default subcommand).",
            discussion: """
                Vectors are unit length whatever the --method, so Euclidean distance between two \
                images is √(2 − 2·cosine) and --eps means the same for every method: the model's \
                embeddings (default), --method pixels (the 16×16 grey thumbnail, 256 values, read \
                from the files each run), or --method HASH (the catalog's stored bit hash, each bit \
                ±1/√bits, so distance² = 4·Hamming/bits: for a 64-bit hash, Hamming 4 is distance \
                0.5 and Hamming 8 is 0.71). --reduce pca:N first projects them on their N principal \
                components.

                Examples:
                  likeness cluster ~/Pictures --algorithm kmeans --k 10 --html clusters.html
                  likeness cluster ~/Pictures --method pixels --algorithm hdbscan
                  likeness cluster ~/Pictures --method dhash --algorithm dbscan --eps 0.5
                """)

        @Argument(help: ArgumentHelp("Folders to scan and cluster (default: everything in the catalog).", valueName: "dir"))
        var folders: [String] = []

        @OptionGroup var catalogOptions: CatalogOptions
        @OptionGroup var methodOptions: MethodOptions

        @Option(help: ArgumentHelp("Clustering algorithm: \(ClusterAlgorithm.names.joined(separator: ", "))."))
        var algorithm: String = "kmeans"

        @Option(help: "Number of clusters (kmeans, minibatch-kmeans, agglomerative).")
        var k: Int?

        @Flag(help: "kmeans: choose k by the silhouette on a seeded sample (k from 2 to --max-k).")
        var auto = false

        @Option(help: "Largest k --auto tries.")
        var maxK: Int = 15

        @Option(help: "Points the --auto silhouette is computed on.")
        var sample: Int = 2000

        @Option(help: "dbscan: neighbourhood radius (Euclidean between unit vectors: √(2 − 2·cosine); 0.5 ≈ cosine 0.875, or Hamming 4 of 64 bits).")
        var eps: Float?

        @Option(help: "dbscan: neighbours within eps (itself included) that make a core point; hdbscan: neighbours of the core distance (default: --min-cluster-size).")
        var minSamples: Int?

        @Option(help: "hdbscan: smallest group that counts as a cluster.")
        var minClusterSize: Int = 5

        @Option(help: "agglomerative: ward or average.")
        var linkage: String = "ward"

        @Option(help: "minibatch-kmeans: points per batch.")
        var batchSize: Int = 1024

        @Flag(help: "Pick each cluster's best image by the quality scores (measured once, kept in the catalog; see `likeness quality`).")
        var best = false

        @Option(name: .customLong("labels"), help: ArgumentHelp("Compare the clusters with labels: folders (each image's parent folder is its label); prints ARI and NMI.", valueName: "labels"))
        var labels: String?

        @Option(help: ArgumentHelp("Reduce the vectors first: none or pca:N (default: pca:50 for dbscan and hdbscan on embeddings and pixels, else none).", valueName: "reduction"))
        var reduce: String?

        @Option(help: "Seed of every random choice (same seed, same clusters).")
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("dbscan: measure neighbourhoods by this metric (--eps is then its largest distance, or least similarity for cosine, dot, pearson, spearman). Metrics: \(MetricArgument.names).", valueName: "name"), transform: MetricArgument.parse)
        var metric: Metric?

        @Option(help: ArgumentHelp("dbscan, hdbscan: the index their neighbour searches go through (Euclidean, over the reduced rows). "
                                   + IndexArgument.help.abstract, valueName: "kind"), transform: IndexArgument.parse)
        var index: IndexChoice = .exact

        @Option(help: ArgumentHelp("Save the clustering in the catalog under this name (replaces one of the same name).", valueName: "name"))
        var save: String?

        @Option(help: "Members listed per cluster in the text output (JSON, CSV and HTML have all).")
        var limit: Int = 5

        @Flag(help: "Print the result as JSON on stdout.")
        var json = false

        @Flag(help: "Print one line per image as CSV on stdout: path, cluster (-1: noise), medoid, best.")
        var csv = false

        @Option(help: ArgumentHelp("Write a self-contained HTML report (map and galleries) here.", valueName: "file"))
        var html: String?

        func validate() throws {
            if json && csv { throw ValidationError("choose --json or --csv, not both") }
            if limit < 0 { throw ValidationError("--limit must be 0 or more") }
        }

        /// The options as the engine takes them.
        var options: ClusterOptions {
            ClusterOptions(algorithm: algorithm, k: k, auto: auto, maxK: maxK, sample: sample, eps: eps, minSamples: minSamples,
                           minClusterSize: minClusterSize, linkage: linkage, batchSize: batchSize, seed: seed, method: methodOptions.method)
        }

        func run() throws {
            let job = ClusterJob(folders: folders, algorithm: try options.resolved(), reduction: try reduce.map { try Reduction(argument: $0) },
                                 method: try options.resolvedMethod(model: methodOptions.model, models: MethodOptions.knownModels),
                                 threads: methodOptions.threads, save: save, withMap: html != nil,
                                 labels: try labels.map { try ClusterLabelSource(argument: $0) }, best: best,
                                 metric: metric, index: index)
            let result = try JobRunning.run(job, catalog: catalogOptions)
            IndexArgument.note(result.index ?? (index == .exact ? nil : "exact"), asked: index)
            DupesRendering.notes(scan: result.scan, skipped: result.skipped, stale: result.stale)
            if let html {
                try DupesRendering.write(try Cluster.report(result), to: html)
                Output.note("report: \(html)")
            }
            if let saved = result.saved { Output.note("saved as '\(saved)'" + (result.replaced == true ? " (replacing the clustering saved before under that name)" : "")) }
            if json { try Output.json(result); return }
            if csv { print(Cluster.csv(result), terminator: ""); return }
            Output.line(Cluster.summary(result))
            if let choice = result.kChoice {
                Output.line("k tried (silhouette on \(choice.sample) points): " + choice.scores.map { String(format: "%d: %.3f", $0.k, $0.silhouette) }.joined(separator: ", ") + " → k = \(choice.k)")
            }
            for cluster in result.clusters {
                Output.line(String(format: "cluster %d · %d image%@ · cohesion %.3f · medoid ", cluster.label, cluster.size,
                                   cluster.size == 1 ? "" : "s", cluster.cohesion) + cluster.medoid)
                if let best = cluster.best, let quality = cluster.bestQuality { Output.line(String(format: "  best (quality %.1f): ", quality) + best) }
                for path in cluster.members.dropFirst().prefix(limit) { Output.line("  " + path) }
                if cluster.size - 1 > limit { Output.line("  … and \(cluster.size - 1 - limit) more") }
            }
            if !result.noise.isEmpty {
                Output.line("noise · \(result.noise.count) image\(result.noise.count == 1 ? "" : "s") in no cluster")
                for path in result.noise.prefix(limit) { Output.line("  " + path) }
                if result.noise.count > limit { Output.line("  … and \(result.noise.count - limit) more") }
            }
        }
    }

    /// "N images in K clusters · algorithm · model M (or method pixels, method phash) · reduction".
    static func summary(_ result: ClusterResult) -> String {
        var text = "\(result.points) images in \(result.clusters.count) cluster\(result.clusters.count == 1 ? "" : "s")"
        if !result.noise.isEmpty { text += " and \(result.noise.count) noise" }
        text += " · \(result.algorithm) · \(result.settings.method.summary)"
        if case let .pca(n) = result.settings.reduction {
            text += " · PCA to \(n) dimensions" + (result.explainedVariance.map { String(format: " (%.1f %% of the variance)", 100 * $0) } ?? "")
        }
        if let inertia = result.inertia { text += String(format: " · inertia %.2f", inertia) }
        if let agreement = result.agreement { text += " · " + agreementLine(agreement) }
        return text
    }

    /// "against folders (3 labels): adjusted Rand index 0.912, NMI 0.887".
    static func agreementLine(_ agreement: ClusterAgreementResult) -> String {
        String(format: "against %@ (%d labels): adjusted Rand index %.3f, NMI %.3f", agreement.against as NSString, agreement.labels,
               agreement.adjustedRandIndex, agreement.normalizedMutualInformation)
    }

    /// One line per image: path, cluster (-1 for noise), whether it is its cluster's medoid.
    static func csv(_ result: ClusterResult) -> String {
        var text = CSV.line(["path", "cluster", "medoid", "best"]) + "\n"
        for cluster in result.clusters {
            for path in cluster.members {
                text += CSV.line([path, String(cluster.label), path == cluster.medoid ? "1" : "0", path == cluster.best ? "1" : "0"]) + "\n"
            }
        }
        for path in result.noise { text += CSV.line([path, "-1", "0", "0"]) + "\n" }
        return text
    }

    /// The HTML report: a map coloured by cluster, then a gallery per cluster.
    static func report(_ result: ClusterResult) throws -> String {
        let clusters = result.clusters.map { ClusterReport.Cluster(label: $0.label, cohesion: $0.cohesion, members: $0.members, best: $0.best) }
        let shown = ClusterReport.shownPaths(clusters: clusters, noise: result.noise)
        let thumbnails = try Thumbnails(size: 128).dataURIs(shown)
        let map = result.map.map { points in
            ScatterMap(points: points.map { .init(x: $0.x, y: $0.y, group: $0.group, path: $0.path) },
                       groups: result.clusters.map { "cluster \($0.label)" }, thumbnails: thumbnails)
        }
        return ClusterReport(title: "Likeness clusters", summary: summary(result), clusters: clusters, noise: result.noise,
                             map: map, thumbnails: thumbnails).html()
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the clusterings saved in the catalog, newest first.",
            discussion: "Example: likeness cluster list")

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let result = try JobRunning.run(SavedClusteringsJob(.list), catalog: catalogOptions)
            if json { try Output.json(result); return }
            if result.clusterings.isEmpty { Output.line("no clusterings saved (likeness cluster DIR --k N --save NAME)"); return }
            let format = DateFormatter()
            format.dateFormat = "yyyy-MM-dd HH:mm"
            for saved in result.clusterings {
                Output.line("\(saved.name)  \(format.string(from: saved.createdAt))  \(saved.points) images, \(saved.clusters) clusters"
                            + (saved.noise > 0 ? ", \(saved.noise) noise" : ""))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the clusters of a saved clustering.",
            discussion: "Example: likeness cluster show holiday --json")

        @Argument(help: "The name it was saved under.")
        var name: String

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let result = try JobRunning.run(SavedClusteringsJob(.show(name)), catalog: catalogOptions)
            if json { try Output.json(result); return }
            let saved = result.clusterings[0]
            Output.line("\(saved.name): \(saved.points) images, \(saved.clusters) clusters" + (saved.noise > 0 ? ", \(saved.noise) noise" : ""))
            if let settings = result.settings {
                var line = "\(settings.algorithm.summary) · \(settings.method.summary)"
                if case let .pca(n) = settings.reduction { line += " · PCA to \(n) dimensions" }
                Output.line(line + (settings.folders.isEmpty ? " · whole catalog" : " · " + settings.folders.joined(separator: ", ")))
            } else {
                Output.line("settings: \(saved.settings)")
            }
            for (label, members) in (result.clusters ?? []).enumerated() {
                Output.line("cluster \(label) · \(members.count) image\(members.count == 1 ? "" : "s")")
                for path in members { Output.line("  " + path) }
            }
            if let noise = result.noise, !noise.isEmpty {
                Output.line("noise · \(noise.count)")
                for path in noise { Output.line("  " + path) }
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How far a saved clustering agrees with another one, or with the folders (ARI and NMI).",
            discussion: """
                Compares the labels of the images both clusterings hold; noise counts as one more label.

                Examples:
                  likeness cluster compare holiday holiday-hdbscan
                  likeness cluster compare holiday --labels folders
                """)

        @Argument(help: "A saved clustering.")
        var name: String

        @Argument(help: "Another saved clustering (or --labels folders).")
        var other: String?

        @Option(name: .customLong("labels"), help: ArgumentHelp("Compare with the images' folders instead: folders.", valueName: "labels"))
        var labels: String?

        @OptionGroup var catalogOptions: CatalogOptions

        @Flag(help: "Print JSON.")
        var json = false

        func validate() throws {
            if (other == nil) == (labels == nil) { throw ValidationError("name another saved clustering or give --labels folders (one of them)") }
            if let labels, labels != ClusterLabelSource.folders.rawValue { throw ValidationError("--labels takes: folders") }
        }

        func run() throws {
            let result = try JobRunning.run(SavedClusteringsJob(.compare(name, with: other)), catalog: catalogOptions)
            if json { try Output.json(result); return }
            if let agreement = result.agreement { Output.line("'\(name)' over \(agreement.points) images, " + Cluster.agreementLine(agreement)) }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget a saved clustering (images and vectors stay in the catalog).",
            discussion: "Example: likeness cluster delete holiday")

        @Argument(help: "The name it was saved under.")
        var name: String

        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let result = try JobRunning.run(SavedClusteringsJob(.delete(name)), catalog: catalogOptions)
            Output.line("deleted '\(name)'; \(result.clusterings.count) saved clustering\(result.clusterings.count == 1 ? "" : "s") left")
        }
    }
}
