/// Rows sent to PostgreSQL a batch per statement: `INSERT … SELECT … FROM unnest(…)` with one array
/// per column, instead of one statement (and one round trip) per row.
///
/// A statement may not update one row twice (`ON CONFLICT DO UPDATE` refuses it), so of several
/// values for one key only the last is sent, which is what storing them one by one would leave.
enum PostgresRowBatches {
    /// At most this many rows per statement: a batch of 1,280-d vectors is then about 5 MB.
    static let rowsPerStatement = 1_000

    /// The last value for each key, in the order of their last appearance, cut into batches.
    static func batches<Value, Key: Hashable>(of values: [Value], key: (Value) -> Key) -> [ArraySlice<Value>] {
        var last: [Key: Int] = [:]
        for (offset, value) in values.enumerated() { last[key(value)] = offset }
        let kept = values.enumerated().filter { last[key($0.element)] == $0.offset }.map(\.element)
        return stride(from: 0, to: kept.count, by: rowsPerStatement).map { kept[$0..<min($0 + rowsPerStatement, kept.count)] }
    }
}
