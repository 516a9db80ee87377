internal import CVips
import Foundation
import Synchronization

/// Starts libvips exactly once per process.
enum VipsRuntime {
    private static let started = Mutex<Bool?>(nil)

    /// Initialises libvips on first use; throws if the library cannot start.
    static func ensureStarted() throws(ImagingError) {
        let ok = started.withLock { state -> Bool in
            if let state { return state }
            let result = lk_vips_init() == 0
            state = result
            return result
        }
        if !ok { throw ImagingError.libraryUnavailable(message: takeErrorText()) }
    }

    /// Takes and clears libvips' error text.
    static func takeErrorText() -> String {
        guard let text = lk_vips_error_take() else { return "" }
        defer { lk_g_free(text) }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
