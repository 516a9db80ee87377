import Foundation
import LikenessCatalog
import LikenessCore

/// `cluster list|show|delete`: the clusterings saved in the catalog by `cluster --save NAME`.
public struct SavedClusteringsJob: Job {
    public enum Action: Sendable, Equatable {
        case list
        case show(String)
        /// Forget a saved clustering (the images and their vectors stay).
        case delete(String)
        /// How far a saved clustering agrees with another one, or with the images' folders
        /// (nil), over the images both label.
        case compare(String, with: String?)
    }

    public var action: Action

    public init(_ action: Action) { self.action = action }

    public struct Result: Codable, Sendable {
        /// Every saved clustering, newest first (after a delete: those left).
        public var clusterings: [SavedClustering]
        /// For `show`: the members of each cluster by path, cluster 0 first; noise apart.
        public var clusters: [[String]]?
        public var noise: [String]?
        /// For `show`: the settings it was made with (method, algorithm, reduction, folders), read
        /// from the stored JSON; nil when that cannot be read. Clusterings saved before `--method`
        /// existed read as made by their model.
        public var settings: ClusterSettings?
        /// For `compare`.
        public var agreement: ClusterAgreementResult?

        public init(clusterings: [SavedClustering], clusters: [[String]]? = nil, noise: [String]? = nil,
                    settings: ClusterSettings? = nil, agreement: ClusterAgreementResult? = nil) {
            self.clusterings = clusterings
            self.clusters = clusters
            self.noise = noise
            self.settings = settings
            self.agreement = agreement
        }
    }

    public func run(in context: JobContext) throws(JobError) -> Result {
        switch action {
        case .list:
            let catalog = try context.openStore(for: .reading)
            do { return Result(clusterings: try catalog.clusterings()) } catch { throw .catalog(error) }
        case .show(let name):
            let (saved, members) = try Self.named(name, in: try context.openStore(for: .reading))
            var clusters = [[String]](repeating: [], count: saved.clusters)
            var noise: [String] = []
            for member in members {
                if member.label >= 0 && member.label < clusters.count { clusters[member.label].append(member.path) } else { noise.append(member.path) }
            }
            let settings = try? JSONDecoder().decode(ClusterSettings.self, from: Data(saved.settings.utf8))
            return Result(clusterings: [saved], clusters: clusters, noise: noise, settings: settings)
        case let .compare(name, other):
            let catalog = try context.openStore(for: .reading)
            let (saved, members) = try Self.named(name, in: catalog)
            let a = Dictionary(members.map { ($0.imageID, $0) }, uniquingKeysWith: { first, _ in first })
            if let other {
                let (otherSaved, otherMembers) = try Self.named(other, in: catalog)
                let shared = otherMembers.filter { a[$0.imageID] != nil }
                guard !shared.isEmpty else { throw .invalidInput("'\(name)' and '\(other)' share no images") }
                return Result(clusterings: [saved, otherSaved],
                              agreement: ClusterAgreementResult(against: other, shared.map { a[$0.imageID]!.label }, shared.map(\.label)))
            }
            return Result(clusterings: [saved], agreement: ClusterAgreementResult(
                against: ClusterLabelSource.folders.rawValue, members.map(\.label), ClusterLabelSource.folders.labels(of: members.map(\.path))))
        case .delete(let name):
            let catalog = try context.openStore(for: .writing)
            _ = try Self.named(name, in: catalog)
            do {
                try catalog.deleteClustering(named: name)
                return Result(clusterings: try catalog.clusterings())
            } catch { throw .catalog(error) }
        }
    }

    /// The saved clustering of that name, or an error listing the names there are.
    static func named(_ name: String, in catalog: any CatalogStore) throws(JobError) -> (SavedClustering, [ClusterMembership]) {
        do {
            if let found = try catalog.clustering(named: name) { return found }
            let names = try catalog.clusterings().map(\.name)
            throw JobError.invalidInput("no saved clustering named '\(name)'; "
                + (names.isEmpty ? "none is saved yet (likeness cluster DIR --save NAME)" : "saved: \(names.joined(separator: ", "))"))
        } catch let error as JobError { throw error } catch { throw .wrapping(error) }
    }
}
