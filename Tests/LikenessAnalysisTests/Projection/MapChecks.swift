import LikenessCore
import LikenessNumerics

/// Measures of a 2-D map used by the projection tests.
enum MapChecks {
    /// Share of points whose nearest other point in `map` carries the same label.
    static func nearestNeighbourAccuracy(_ map: Matrix, labels: [Int]) -> Double {
        var agree = 0
        for i in 0..<map.rows {
            var best = -1, bestDistance = Float.infinity
            for j in 0..<map.rows where j != i {
                var distance: Float = 0
                for c in 0..<map.columns { let delta = map[i, c] - map[j, c]; distance += delta * delta }
                if distance < bestDistance { (best, bestDistance) = (j, distance) }
            }
            if labels[best] == labels[i] { agree += 1 }
        }
        return Double(agree) / Double(map.rows)
    }

    /// For every label, the smallest distance from one of its points to a point of another label,
    /// over the largest distance between two points of the same label: above 1 when every island
    /// is farther from the others than it is wide.
    static func separation(_ map: Matrix, labels: [Int]) -> Double {
        var within: Float = 0, between = Float.infinity
        for i in 0..<map.rows {
            for j in (i + 1)..<map.rows {
                var distance: Float = 0
                for c in 0..<map.columns { let delta = map[i, c] - map[j, c]; distance += delta * delta }
                if labels[i] == labels[j] { within = max(within, distance) } else { between = min(between, distance) }
            }
        }
        return Double((between / within).squareRoot())
    }

    static func allFinite(_ map: Matrix) -> Bool { map.values.allSatisfy(\.isFinite) }
}
