import Foundation
internal import GRDB
import LikenessCore

/// A per-image signal of the near-duplicate rule, stored once per file version.
public enum ImageSignalKind: String, Sendable, CaseIterable {
    /// pHashes of the image in its eight turns and flips.
    case dihedralPHash = "phash-dihedral"
    /// Local features of the image fitted into the feature side (positions, levels, angles, descriptors).
    case localFeatures = "local-features"
    /// Laplacian variance of the image fitted into 512 × 512, for the keeper choice.
    case sharpness = "sharpness-512"
    /// Quality scores (sharpness, noise, exposure, compression, …) as JSON, for `quality` and the keeper choice.
    case quality
    /// The share of the border filled by an edit (``QualityScores``' `borderFill`), alone, for the
    /// keeper's padding rule: every copy needs it, few need the other scores.
    case borderFill = "border-fill"
}

extension Catalog {
    /// Stored values of one signal kind at `version` for the given image ids. Rows of another
    /// version are left out (the code that computes them has changed) and are replaced when stored again.
    public func signals(_ kind: ImageSignalKind, version: Int, for ids: [Int64]) throws(CatalogError) -> [Int64: Data] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var result: [Int64: Data] = [:]
            // SQLite allows a limited number of bound variables per statement.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(start + 500, ids.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT image_id, value FROM image_signal WHERE kind = ? AND version = ? AND image_id IN (\(marks))
                    """, arguments: StatementArguments([kind.rawValue, version] as [any DatabaseValueConvertible] + chunk))
                while let row = try rows.next() { result[row["image_id"]] = row["value"] }
            }
            return result
        }
    }

    /// Stores signal values in one transaction, replacing older values of the same kind.
    public func storeSignals(_ kind: ImageSignalKind, version: Int, _ values: [(imageID: Int64, value: Data)]) throws(CatalogError) {
        guard !values.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO image_signal (image_id, kind, version, value) VALUES (?, ?, ?, ?)
                ON CONFLICT(image_id, kind) DO UPDATE SET version = excluded.version, value = excluded.value
                """)
            for value in values { try statement.execute(arguments: [value.imageID, kind.rawValue, version, value.value]) }
        }
    }

    /// How many values of `kind` are stored (any version), for checks and reports.
    public func signalCount(_ kind: ImageSignalKind) throws(CatalogError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM image_signal WHERE kind = ?", arguments: [kind.rawValue]) ?? 0 }
    }
}
