import Dispatch
import Foundation
import Synchronization

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a polite stop request; a second one exits at once.
final class Interruption: Sendable {
    private let requested = Atomic<Bool>(false)
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal] // set once in init, only kept alive

    init() {
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
        }
        for source in sources {
            source.setEventHandler { [weak self] in self?.request() }
            source.resume()
        }
    }

    private func request() {
        if requested.exchange(true, ordering: .relaxed) { Foundation.exit(130) }
        FileHandle.standardError.write(Data("\nstopping after the current batch (press Ctrl-C again to quit now)\n".utf8))
    }

    /// True once a stop was requested.
    var isRequested: Bool { requested.load(ordering: .relaxed) }
}
