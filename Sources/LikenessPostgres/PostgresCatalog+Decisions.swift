import LikenessCatalog
import LikenessCore
import PostgresNIO

extension PostgresCatalog {
    public func storeDecisions(_ decisions: [PairDecision]) throws(CatalogError) {
        guard !decisions.isEmpty else { return }
        try session.transaction { (sql: PostgresStatements) throws(CatalogError) in
            for decision in decisions {
                try sql.run("""
                    INSERT INTO decision (sha256_a, sha256_b, path_a, path_b, decided_at)
                    VALUES (\(decision.pair.first.hex), \(decision.pair.second.hex), \(decision.firstPath), \(decision.secondPath), \(decision.decidedAt))
                    ON CONFLICT (sha256_a, sha256_b) DO UPDATE SET path_a = excluded.path_a, path_b = excluded.path_b,
                        decided_at = excluded.decided_at
                    """)
            }
        }
    }

    @discardableResult
    public func forgetDistinct(_ pairs: [DistinctPairs.Pair]) throws(CatalogError) -> Int {
        guard !pairs.isEmpty else { return 0 }
        return try session.transaction { (sql: PostgresStatements) throws(CatalogError) -> Int in
            var removed = 0
            for pair in pairs {
                removed += try sql.run("DELETE FROM decision WHERE sha256_a = \(pair.first.hex) AND sha256_b = \(pair.second.hex) RETURNING 1").count
            }
            return removed
        }
    }

    public func decisions() throws(CatalogError) -> [PairDecision] {
        try session.rows("""
            SELECT sha256_a, sha256_b, path_a, path_b, decided_at FROM decision ORDER BY decided_at, sha256_a, sha256_b
            """) { row in try row.decode((String, String, String, String, Double).self) }
            .compactMap { a, b, first, second, time in
                guard let ha = ContentHash(hex: a), let hb = ContentHash(hex: b) else { return nil }
                return PairDecision(pair: DistinctPairs.Pair(ha, hb), firstPath: first, secondPath: second, decidedAt: time)
            }
    }
}
