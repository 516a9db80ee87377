import Foundation
internal import GRDB
import LikenessCore

extension Catalog {
    /// Stores "not duplicates" decisions in one transaction, replacing an older decision of the same pair.
    public func storeDecisions(_ decisions: [PairDecision]) throws(CatalogError) {
        guard !decisions.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO decision (sha256_a, sha256_b, path_a, path_b, decided_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(sha256_a, sha256_b) DO UPDATE SET path_a = excluded.path_a, path_b = excluded.path_b,
                    decided_at = excluded.decided_at
                """)
            for decision in decisions {
                try statement.execute(arguments: [decision.pair.first.hex, decision.pair.second.hex, decision.firstPath,
                                                  decision.secondPath, decision.decidedAt])
            }
        }
    }

    /// Forgets the decisions about these pairs; returns how many there were.
    @discardableResult
    public func forgetDistinct(_ pairs: [DistinctPairs.Pair]) throws(CatalogError) -> Int {
        guard !pairs.isEmpty else { return 0 }
        return try write { db in
            var removed = 0
            for pair in pairs {
                try db.execute(sql: "DELETE FROM decision WHERE sha256_a = ? AND sha256_b = ?", arguments: [pair.first.hex, pair.second.hex])
                removed += db.changesCount
            }
            return removed
        }
    }

    /// Every stored decision, oldest first (none in a read-only catalog older than the table).
    public func decisions() throws(CatalogError) -> [PairDecision] {
        try read { db in
            guard try db.tableExists("decision") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM decision ORDER BY decided_at, sha256_a, sha256_b").compactMap { row -> PairDecision? in
                let a: String = row["sha256_a"], b: String = row["sha256_b"]
                guard let ha = ContentHash(hex: a), let hb = ContentHash(hex: b) else { return nil }
                return PairDecision(pair: DistinctPairs.Pair(ha, hb), firstPath: row["path_a"], secondPath: row["path_b"], decidedAt: row["decided_at"])
            }
        }
    }
}
