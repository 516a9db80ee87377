internal import CONNXRuntime
import Foundation
import Synchronization

/// The ONNX Runtime library, loaded at run time, with one environment for the process.
public final class ONNXRuntime: @unchecked Sendable {
    let api: UnsafePointer<OrtApi>
    let environment: OpaquePointer
    /// The library file it was loaded from.
    public let libraryPath: String
    /// The library's version string, e.g. "1.22.1".
    public let version: String

    private static let loaded = Mutex<[String: ONNXRuntime]>([:])

    /// Loads (once per path) the library at `libraryPath`.
    public static func load(libraryPath: String) throws(EmbeddingError) -> ONNXRuntime {
        let result: Result<ONNXRuntime, EmbeddingError> = loaded.withLock { cache in
            if let runtime = cache[libraryPath] { return .success(runtime) }
            do throws(EmbeddingError) {
                let runtime = try ONNXRuntime(libraryPath: libraryPath)
                cache[libraryPath] = runtime
                return .success(runtime)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(libraryPath: String) throws(EmbeddingError) {
        var message = [CChar](repeating: 0, count: 1024)
        guard let api = lk_ort_load(libraryPath, &message, message.count) else {
            throw EmbeddingError.runtimeUnavailable(path: libraryPath, message: String(cString: message))
        }
        self.api = api
        self.libraryPath = libraryPath
        self.version = String(cString: lk_ort_version(libraryPath))
        var env: OpaquePointer?
        if let status = lk_ort_create_env(api, &env) {
            throw Self.error(api, status, model: nil)
        }
        self.environment = env!
    }

    deinit { lk_ort_release_env(api, environment) }

    /// Turns a non-nil status into a typed error and releases it.
    static func error(_ api: UnsafePointer<OrtApi>, _ status: OpaquePointer, model: String?) -> EmbeddingError {
        defer { lk_ort_release_status(api, status) }
        return .runtime(code: Int(lk_ort_status_code(api, status)), message: String(cString: lk_ort_status_message(api, status)), model: model)
    }

    func check(_ status: OpaquePointer?, model: String?) throws(EmbeddingError) {
        if let status { throw Self.error(api, status, model: model) }
    }
}
