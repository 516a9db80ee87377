/// A queue's item counts under one key (a task, a scan root): `counts.pending` reads
/// `counts.items.pending`, and JSON is flat, the key's field beside the five counts.
@dynamicMemberLookup
public protocol KeyedItemCounts: Codable {
    associatedtype Key: Codable
    /// The key's field name in JSON (`task`, `root`).
    static var keyName: String { get }
    var key: Key { get }
    var items: QueueStatus.ItemCounts { get set }
    init(key: Key, items: QueueStatus.ItemCounts)
}

/// The one coding key a ``KeyedItemCounts`` adds to the counts' own.
private struct KeyField: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedItemCounts {
    public subscript(dynamicMember keyPath: WritableKeyPath<QueueStatus.ItemCounts, Int>) -> Int {
        get { items[keyPath: keyPath] }
        set { items[keyPath: keyPath] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let key = try decoder.container(keyedBy: KeyField.self).decode(Key.self, forKey: KeyField(stringValue: Self.keyName))
        self.init(key: key, items: try QueueStatus.ItemCounts(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try items.encode(to: encoder)
        var container = encoder.container(keyedBy: KeyField.self)
        try container.encode(key, forKey: KeyField(stringValue: Self.keyName))
    }
}
