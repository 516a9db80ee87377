import LikenessCore
import LikenessEngine

/// How often each keeper chain keeps the unedited original: in the groups the default `dupes`
/// rule forms on the benchmark, and one to one against each edit and each file-only copy.
public struct KeeperAccuracy: Sendable, Codable {
    /// One chain's results.
    public struct Chain: Sendable, Codable {
        /// The chain as `--keep` takes it.
        public var rules: String
        /// Groups holding exactly one original.
        public var groups: Int
        /// Of those, groups whose keeper is the original.
        public var correct: Int
        /// What was kept instead, by edit, when the original was not.
        public var keptInstead: [String: Int]
        /// Per competitor (an edit, or a file-only copy): the share of photos where the chain,
        /// choosing between the original and that copy alone, keeps the original.
        public var oneToOne: [String: Double]

        public var share: Double { groups > 0 ? Double(correct) / Double(groups) : 0 }
    }

    /// Competitors in table order: the edits, then the file-only copies.
    public var competitors: [String]
    /// Every version with the same modification time (a tie the earlier rules leave goes against
    /// the original, whose path sorts last).
    public var chains: [Chain]
    /// Every copy newer than the original, as when a user makes copies from it.
    public var copiesNewer: [Chain]
    /// One per group: how much more central the original is than the most central other copy
    /// (negative: that copy is more central), and which edit that copy is; closest first.
    public var centralLeads: [CentralLead]

    /// The original's lead in ``GroupCentrality`` over the most central copy of its group.
    public struct CentralLead: Sendable, Codable {
        public var rival: String
        public var lead: Double
    }

    /// The chains compared: the default first, the old rule second, then the chains before the
    /// padding rule and before the central rule, and other measures and margins of centrality (all
    /// measured in one run).
    public static let policies: [KeeperPolicy] = [
        .standard, .legacy,
        KeeperPolicy(rules: [.pixels, .padding, .central, .quality, .oldest, .size]),
        KeeperPolicy(rules: [.pixels, .central, .quality, .oldest, .size]),
        KeeperPolicy(rules: [.pixels, .quality, .oldest, .size]),
        KeeperPolicy(rules: [.pixels, .central, .quality, .oldest, .size], centralMargin: 0.01),
        KeeperPolicy(rules: [.pixels, .central, .quality, .oldest, .size], centralMargin: 0.01, centralMeasure: .median),
        KeeperPolicy(rules: [.pixels, .central, .quality, .oldest, .size], centralMeasure: .least),
        KeeperPolicy(rules: [.pixels, .central, .quality, .oldest, .size], centralMargin: 0.05, centralMeasure: .votes),
        KeeperPolicy(rules: [.central, .pixels, .quality, .oldest, .size]),
        KeeperPolicy(rules: [.pixels, .quality, .central, .oldest, .size]),
        KeeperPolicy(rules: [.pixels, .quality, .size, .oldest]),
        KeeperPolicy(rules: [.pixels, .size, .quality, .oldest]),
        KeeperPolicy(rules: [.quality, .pixels, .size, .oldest]),
        KeeperPolicy(rules: [.pixels, .size, .oldest]),
    ]

    /// Measures every policy on `groups` (item positions) of `items`; `edits` names edit numbers.
    static func measure(_ items: [DuplicateBenchmark.Item], groups: [[Int]], edits: [String]) -> KeeperAccuracy {
        var newer = items
        for i in newer.indices where newer[i].edit != -1 { newer[i].keeper?.modified = 1 }
        for i in newer.indices { newer[i].fileCopies = newer[i].fileCopies?.mapValues { var c = $0; c.modified = 1; return c } }
        let same = chains(items, groups: groups, edits: edits)
        return KeeperAccuracy(competitors: same.competitors, chains: same.chains, copiesNewer: chains(newer, groups: groups, edits: edits).chains,
                              centralLeads: centralLeads(items, groups: groups, edits: edits))
    }

    static func centralLeads(_ items: [DuplicateBenchmark.Item], groups: [[Int]], edits: [String]) -> [CentralLead] {
        groups.compactMap { group -> CentralLead? in
            let members = group.filter { items[$0].keeper != nil }
            guard members.count > 2, members.filter({ items[$0].edit == -1 }).count == 1 else { return nil }
            let centralities = GroupCentrality.of(members.map { items[$0].vector }).map { $0! }
            let original = members.firstIndex { items[$0].edit == -1 }!
            let rival = members.indices.filter { $0 != original }.max { centralities[$0] < centralities[$1] }!
            return CentralLead(rival: edits[items[members[rival]].edit], lead: centralities[original] - centralities[rival])
        }.sorted { $0.lead < $1.lead }
    }

    static func chains(_ items: [DuplicateBenchmark.Item], groups: [[Int]], edits: [String]) -> (competitors: [String], chains: [Chain]) {
        let originals = items.indices.filter { items[$0].edit == -1 && items[$0].keeper != nil }
        let bySource = Dictionary(grouping: items.indices.filter { items[$0].keeper != nil }, by: { items[$0].source })
        let copyNames = Array(Set(originals.flatMap { items[$0].fileCopies?.keys.map { $0 } ?? [] })).sorted()
        let chains = policies.map { policy -> Chain in
            let standard = KeeperPolicy.standard
            let margin = policy.needsCentrality && (policy.centralMeasure, policy.centralMargin) != (standard.centralMeasure, standard.centralMargin)
                ? " \(policy.centralMeasure.rawValue)±" + String(format: "%g", policy.centralMargin) : ""
            var chain = Chain(rules: policy.chainText + margin, groups: 0, correct: 0, keptInstead: [:], oneToOne: [:])
            for group in groups {
                let members = group.filter { items[$0].keeper != nil }
                let present = members.filter { items[$0].edit == -1 }
                guard present.count == 1 else { continue }
                chain.groups += 1
                let centralities = GroupCentrality.of(members.map { items[$0].vector }, measure: policy.centralMeasure)
                let candidates = zip(members, centralities).map { member, centrality in
                    var candidate = items[member].keeper!
                    candidate.centrality = centrality
                    return candidate
                }
                let kept = members[policy.choose(candidates).index]
                if kept == present[0] { chain.correct += 1 } else { chain.keptInstead[edits[items[kept].edit], default: 0] += 1 }
            }
            for (e, name) in edits.enumerated() {
                var won = 0, total = 0
                for original in originals {
                    guard let copy = bySource[items[original].source]?.first(where: { items[$0].edit == e }) else { continue }
                    total += 1
                    if policy.choose([items[original].keeper!, items[copy].keeper!]).index == 0 { won += 1 }
                }
                if total > 0 { chain.oneToOne[name] = Double(won) / Double(total) }
            }
            for name in copyNames {
                var won = 0, total = 0
                for original in originals {
                    guard let copy = items[original].fileCopies?[name] else { continue }
                    total += 1
                    if policy.choose([items[original].keeper!, copy]).index == 0 { won += 1 }
                }
                if total > 0 { chain.oneToOne[name] = Double(won) / Double(total) }
            }
            return chain
        }
        return (edits + copyNames, chains)
    }
}
