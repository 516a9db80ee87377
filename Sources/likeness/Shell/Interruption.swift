import Dispatch
import Foundation
import LikenessCore
import Synchronization

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation the running job honours at its
/// next check; a second one exits at once.
enum Interruption {
    private static let installed = Mutex<[any DispatchSourceSignal]>([])

    /// Installs the handlers once per process.
    static func install(cancelling token: CancellationToken) {
        installed.withLock { sources in
            guard sources.isEmpty else { return }
            sources = [SIGINT, SIGTERM].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    if token.isCancelled { Foundation.exit(130) }
                    token.cancel()
                    FileHandle.standardError.write(Data("\nstopping after the current item (press Ctrl-C again to quit now)\n".utf8))
                }
                source.resume()
                return source
            }
        }
    }
}
