import Foundation
import LikenessAnalysis

/// Where reference labels for a clustering come from.
public enum ClusterLabelSource: String, Sendable, Codable, Equatable, CaseIterable {
    /// Each image's parent folder is its label.
    case folders

    /// Parses the name; throws an error listing the valid ones.
    public init(argument: String) throws(JobError) {
        guard let source = Self(rawValue: argument) else {
            throw .invalidInput("labels '\(argument)' is not one of: " + Self.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = source
    }

    /// The label of every path.
    func labels(of paths: [String]) -> [Int] {
        let folders = paths.map { ($0 as NSString).deletingLastPathComponent }
        let index = Dictionary(Array(Set(folders)).sorted().enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return folders.map { index[$0]! }
    }
}

/// How far two labellings of the same images agree.
public struct ClusterAgreementResult: Codable, Sendable, Equatable {
    /// What the clustering was compared with: "folders", or the other clustering's name.
    public var against: String
    /// Images compared (those in both).
    public var points: Int
    /// Distinct labels on the other side.
    public var labels: Int
    /// Adjusted Rand index (Hubert and Arabie 1985): 1 for the same partition, about 0 for chance.
    public var adjustedRandIndex: Double
    /// Normalised mutual information (arithmetic mean normalisation): 1 for the same partition, 0 for independent ones.
    public var normalizedMutualInformation: Double

    /// Compares two labellings of the same points; noise (−1) counts as one more label.
    init(against: String, _ a: [Int], _ b: [Int]) {
        self.against = against
        points = a.count
        labels = Set(b).count
        adjustedRandIndex = ClusterAgreement.adjustedRandIndex(a, b)
        normalizedMutualInformation = ClusterAgreement.normalizedMutualInformation(a, b)
    }
}
