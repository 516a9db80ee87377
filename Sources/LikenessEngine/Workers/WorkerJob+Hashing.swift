import LikenessCore
import LikenessPostgres

extension WorkerJob {
    /// Hashes each claim with `method` alone (the value `dupes --method` makes), on every core, and
    /// stores each claim's values with its items marked done.
    func drainHashing(_ queue: PostgresWorkQueue, method: PerceptualMethod, summary: inout WorkerSummary, context: JobContext) throws {
        let computer = try HashComputer(perceptual: [method])
        try drain(queue, summary: &summary, context: context) { items, summary in
            let results = ParallelHashing.perceptualValues(of: items.map { ImageSource($0.image) }, computer: computer,
                                                           workers: context.workers, cancellation: context.cancellation)
            // A file left unread because of Ctrl-C is handed back, not failed.
            try context.cancellation.check()
            var hashes: [(item: WorkItem, values: [(method: PerceptualMethod, value: PerceptualValue)])] = []
            var failures: [(item: WorkItem, message: String)] = []
            for (item, result) in zip(items, results) {
                switch result {
                case .success(let values): hashes.append((item, values))
                case .failure(let failure): failures.append((item, failure.message))
                }
            }
            let completion = try queue.complete(hashes: hashes, failures: failures)
            summary.hashed += completion.stored
            tally(completion, failures: failures.map(\.message), done: summary.hashed, summary: &summary, context: context, phase: .hash)
        }
    }
}
