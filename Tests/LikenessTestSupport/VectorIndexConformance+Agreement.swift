import LikenessCore
import Testing

extension VectorIndexConformance {
    /// The operations whose recall is measured.
    enum Operation: String, CaseIterable {
        case search, searchWithin, range, neighbors, pairs, neighborPairs
    }

    /// What the comparisons of one check found, for recall and to show they compared something.
    struct Tally {
        /// True neighbours returned, and true neighbours there were.
        var hits = 0
        var expected = 0
        /// Positions whose id was compared exactly (no near-tie around them).
        var strictPositions = 0
        /// Lists whose membership was compared exactly (no near-tie at the cut).
        var strictLists = 0
        /// Lists a threshold made shorter than `k` although more vectors were there.
        var cutByThreshold = 0

        var recall: Double { expected == 0 ? 1 : Double(hits) / Double(expected) }
    }

    /// The tolerance around a true score.
    func slack(_ score: Double) -> Double { Double(tolerance) * Swift.max(1, abs(score)) }

    /// Checks one result list against the ground truth.
    ///
    /// - Parameters:
    ///   - ranked: every candidate (every stored vector; for neighbours, every other) with its
    ///     true score, closest first.
    ///   - k: the most the list may hold (`Int.max` for a range search).
    func verify(_ found: [Neighbor], _ ranked: [BruteForceNeighbors.Hit], truth: BruteForceNeighbors, k: Int,
                within threshold: Float, _ what: @autoclosure () -> String, _ tally: inout Tally) {
        // A k above the candidates is the same as one more than them (and cannot overflow).
        let metric = truth.metric, k = Swift.min(Swift.max(0, k), ranked.count + 1), t = Double(threshold)
        let sign: Double = metric.higherIsCloser ? 1 : -1
        func sure(_ hit: BruteForceNeighbors.Hit) -> Bool { truth.accepts(hit.score - sign * slack(hit.score), within: t) }
        func possible(_ hit: BruteForceNeighbors.Hit) -> Bool { truth.accepts(hit.score + sign * slack(hit.score), within: t) }
        var problems: [String] = []
        var trueScore = [Double?](repeating: nil, count: (ranked.map(\.id).max() ?? -1) + 1)
        for hit in ranked { trueScore[hit.id] = hit.score }
        let expected = Array(ranked.lazy.filter { truth.accepts($0.score, within: t) }.prefix(k))
        if Set(found.map(\.id)).count != found.count { problems.append("an id twice") }
        if let stray = found.first(where: { !trueScore.indices.contains($0.id) || trueScore[$0.id] == nil }) { problems.append("id \(stray.id) is not a candidate") }
        if found.count > k { problems.append("\(found.count) results for k = \(k)") }
        if found.contains(where: { !$0.score.isFinite }) { problems.append("a score that is not finite") }
        if zip(found, found.dropFirst()).contains(where: { metric.ranks($1, before: $0) }) { problems.append("not closest first, ties by lower id") }
        tally.hits += hits(Array(Set(found.map(\.id))), among: ranked, expected: expected, truth: truth, within: t)
        tally.expected += expected.count
        if expected.count < Swift.min(k, ranked.count) { tally.cutByThreshold += 1 }
        if expectation == .exact {
            for hit in found {
                guard trueScore.indices.contains(hit.id), let score = trueScore[hit.id] else { continue }
                if abs(Double(hit.score) - score) > slack(score) { problems.append("id \(hit.id) scored \(hit.score), truly \(score)") }
                if !possible(.init(id: hit.id, score: score)) { problems.append("id \(hit.id) at \(score) is outside \(threshold)") }
            }
            // The candidates that may be in the list, and the first one that may not.
            let window = Array(ranked.lazy.filter(possible).prefix(k + 1))
            let sureCount = ranked.lazy.filter(sure).prefix(k).count
            if found.count < sureCount || found.count > Swift.min(k, window.count) {
                problems.append("\(found.count) results, expected \(sureCount)...\(Swift.min(k, window.count))")
            }
            for (hit, truth) in zip(found, expected) where abs(Double(hit.score) - truth.score) > slack(truth.score) {
                problems.append("score \(hit.score) where \(truth.score) belongs")
                break
            }
            func apart(_ a: Int, _ b: Int) -> Bool {
                !window.indices.contains(a) || !window.indices.contains(b) || abs(window[a].score - window[b].score) > 2 * slack(window[a].score)
            }
            let listed = window.prefix(k)
            if listed.allSatisfy(sure) && (window.count <= k || apart(k - 1, k)) {
                tally.strictLists += 1
                if Set(found.map(\.id)) != Set(listed.map(\.id)) { problems.append("ids \(found.map(\.id)), expected \(listed.map(\.id))") }
            }
            for p in listed.indices where p < found.count && apart(p - 1, p) && apart(p, p + 1) {
                tally.strictPositions += 1
                if found[p].id != window[p].id { problems.append("position \(p) holds id \(found[p].id), expected \(window[p].id)") }
            }
        }
        #expect(problems.isEmpty, "\(what()): \(problems.joined(separator: "; "))")
    }

    /// How many of `ids` count as true neighbours (see ``wanted(among:expected:truth:within:)``),
    /// at most `expected.count`.
    func hits(_ ids: [Int], among ranked: [BruteForceNeighbors.Hit], expected: [BruteForceNeighbors.Hit],
              truth: BruteForceNeighbors, within threshold: Double) -> Int {
        let wanted = wanted(among: ranked, expected: expected, truth: truth, within: threshold)
        return Swift.min(expected.count, ids.filter(wanted.contains).count)
    }

    /// The ids that count as true neighbours: within the threshold and at least as close as the
    /// last of `expected`, both up to the tolerance, so a near-tie taken at the cut is no miss.
    func wanted(among ranked: [BruteForceNeighbors.Hit], expected: [BruteForceNeighbors.Hit],
                truth: BruteForceNeighbors, within threshold: Double) -> Set<Int> {
        guard let last = expected.last else { return [] }
        let sign: Double = truth.metric.higherIsCloser ? 1 : -1
        return Set(ranked.lazy.filter {
            truth.accepts($0.score + sign * self.slack($0.score), within: threshold) && truth.accepts($0.score + sign * self.slack(last.score), within: last.score)
        }.map(\.id))
    }

    /// Checks self-pairs (`pairs(within:)`) against every true pair within the threshold.
    func verifyPairs(_ found: [(i: Int, j: Int, score: Float)], truth: BruteForceNeighbors, within threshold: Float,
                     _ what: @autoclosure () -> String, _ tally: inout Tally) {
        let all = truth.allPairs(), t = Double(threshold), n = truth.vectors.count
        let sign: Double = truth.metric.higherIsCloser ? 1 : -1
        var problems = pairShapeProblems(found, count: n)
        let key = { (i: Int, j: Int) in i * n + j }
        let expected = all.filter { truth.accepts($0.score, within: t) }.count
        let foundKeys = Set(found.map { key($0.i, $0.j) })
        let wanted = Set(all.filter { truth.accepts($0.score + sign * slack($0.score), within: t) }.map { key($0.i, $0.j) })
        tally.hits += Swift.min(expected, foundKeys.intersection(wanted).count)
        tally.expected += expected
        if expectation == .exact {
            let trueScore = Dictionary(uniqueKeysWithValues: all.map { (key($0.i, $0.j), $0.score) })
            for pair in found {
                guard let score = trueScore[key(pair.i, pair.j)] else { continue }
                if abs(Double(pair.score) - score) > slack(score) { problems.append("(\(pair.i), \(pair.j)) scored \(pair.score), truly \(score)") }
                if !truth.accepts(score + sign * slack(score), within: t) { problems.append("(\(pair.i), \(pair.j)) at \(score) is outside \(threshold)") }
            }
            let missing = all.filter { truth.accepts($0.score - sign * slack($0.score), within: t) && !foundKeys.contains(key($0.i, $0.j)) }
            if let first = missing.first { problems.append("\(missing.count) pairs missing, e.g. (\(first.i), \(first.j)) at \(first.score)") }
            tally.strictLists += 1
        }
        #expect(problems.isEmpty, "\(what()): \(problems.joined(separator: "; "))")
    }

    /// Checks neighbour pairs: pairs of the index's own neighbour lists, each once, in order of
    /// `i`, then closeness; and, for recall, the pairs of the true neighbour lists.
    ///
    /// - Parameter ranked: for each stored vector, every other with its true score, closest first.
    func verifyNeighborPairs(_ found: [(i: Int, j: Int, score: Float)], lists: [[Neighbor]], ranked: [[BruteForceNeighbors.Hit]],
                             truth: BruteForceNeighbors, k: Int, within threshold: Float, _ what: @autoclosure () -> String, _ tally: inout Tally) {
        let n = truth.vectors.count
        var problems = pairShapeProblems(found, count: n)
        func keys<S: Sequence>(_ lists: [S], _ id: (S.Element) -> Int) -> Set<Int> {
            Set(lists.enumerated().flatMap { i, list in list.map { Swift.min(i, id($0)) * n + Swift.max(i, id($0)) } })
        }
        let foundKeys = Set(found.map { $0.i * n + $0.j })
        if foundKeys != keys(lists, \.id) { problems.append("not the pairs of neighbors(k:within:)") }
        if found.count > n * Swift.max(0, k) { problems.append("\(found.count) pairs, more than count × k") }
        let ordered = zip(found, found.dropFirst()).allSatisfy { a, b in
            a.i != b.i ? a.i < b.i : !truth.metric.ranks(Neighbor(id: b.j, score: b.score), before: Neighbor(id: a.j, score: a.score))
        }
        if !ordered { problems.append("not in order of i, then closeness, then j") }
        if expectation == .exact {
            for pair in found where pair.i < pair.j && pair.j < n {
                let score = truth.score(truth.vectors[pair.i], truth.vectors[pair.j])
                if abs(Double(pair.score) - score) > slack(score) { problems.append("(\(pair.i), \(pair.j)) scored \(pair.score), truly \(score)") }
            }
        }
        // Recall: a found pair is a true one when either end would list the other (up to ties).
        let t = Double(threshold)
        let trueLists = ranked.map { Array($0.lazy.filter { truth.accepts($0.score, within: t) }.prefix(Swift.max(0, k))) }
        let wanted = ranked.indices.map { self.wanted(among: ranked[$0], expected: trueLists[$0], truth: truth, within: t) }
        let expected = keys(trueLists, \.id).count
        tally.hits += Swift.min(expected, found.filter { $0.j < n && (wanted[$0.i].contains($0.j) || wanted[$0.j].contains($0.i)) }.count)
        tally.expected += expected
        #expect(problems.isEmpty, "\(what()): \(problems.joined(separator: "; "))")
    }

    /// What is wrong with the shape of a pair list: i < j, ids in range, each pair once.
    private func pairShapeProblems(_ found: [(i: Int, j: Int, score: Float)], count n: Int) -> [String] {
        var problems: [String] = []
        if let bad = found.first(where: { !($0.i >= 0 && $0.i < $0.j && $0.j < n) }) { problems.append("pair (\(bad.i), \(bad.j)) is not i < j < count") }
        if Set(found.map { $0.i * n + $0.j }).count != found.count { problems.append("a pair twice") }
        if found.contains(where: { !$0.score.isFinite }) { problems.append("a score that is not finite") }
        return problems
    }

    /// Records an issue unless the recall of every operation reaches the bound; exact indexes
    /// are checked list by list instead.
    func expectRecall(_ tallies: [Operation: Tally], _ what: String) {
        guard case .recall(let bound) = expectation else { return }
        for operation in Operation.allCases {
            guard let tally = tallies[operation] else { continue }
            #expect(tally.recall >= bound, "\(what) \(operation): recall \(tally.recall) below \(bound) (\(tally.hits) of \(tally.expected))")
        }
    }
}
