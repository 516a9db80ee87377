import LikenessCore
import Dispatch
import Synchronization

/// Maps items on a fixed number of worker threads, keeping the input order.
///
/// Blocking work (file reads, libvips decodes) runs here rather than on Swift's cooperative pool.
public enum ParallelWork {
    /// - Parameter finished: called after each item with the number finished so far in this call.
    @inlinable
    public static func map<Item: Sendable, Output: Sendable>(_ items: [Item], workers: Int,
                                                       finished: @Sendable (Int) -> Void = { _ in },
                                                       _ body: @Sendable (Item) -> Output) -> [Output] {
        guard !items.isEmpty else { return [] }
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let results = Mutex<[Output?]>(Array(repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, items.count))) { _ in
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if index >= items.count { return }
                let output = body(items[index])
                results.withLock { $0[index] = output }
                finished(done.wrappingAdd(1, ordering: .relaxed).newValue)
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
