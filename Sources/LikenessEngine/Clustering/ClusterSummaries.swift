import LikenessAnalysis
import LikenessNumerics

/// Per-cluster medoid, cohesion and member order, from the unit vectors.
///
/// For unit vectors the summed cosine similarity of member i to all members is xᵢ · S, where S is
/// the members' sum, so the exact medoid under cosine similarity costs one pass, with no
/// pairwise matrix. Cohesion is the mean cosine of the members to S/‖S‖.
enum ClusterSummaries {
    static func summarise(_ labels: ClusterLabels, unit points: Matrix, paths: [String]) -> [ClusterResult.Cluster] {
        labels.members.enumerated().map { label, members in
            let d = points.columns
            var sum = [Float](repeating: 0, count: d)
            for member in members { for c in 0..<d { sum[c] += points[member, c] } }
            let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let typicality = members.map { member -> Float in
                var dot: Float = 0
                for c in 0..<d { dot += points[member, c] * sum[c] }
                return dot
            }
            let order = members.indices.sorted { typicality[$0] != typicality[$1] ? typicality[$0] > typicality[$1] : members[$0] < members[$1] }
            let cohesion = norm > 0 ? typicality.reduce(0, +) / norm / Float(members.count) : 0
            let ordered = order.map { paths[members[$0]] }
            return ClusterResult.Cluster(label: label, size: members.count, medoid: ordered[0], cohesion: cohesion, members: ordered)
        }
    }
}
