internal import CONNXRuntime
import Foundation

/// Element types Likeness feeds to and reads from models.
public enum TensorElement: String, Sendable, Codable {
    case uint8, float32

    init?(ortType: Int32) {
        if ortType == lk_ort_type_uint8() { self = .uint8 } else if ortType == lk_ort_type_float() { self = .float32 } else { return nil }
    }

    var ortType: Int32 { self == .uint8 ? lk_ort_type_uint8() : lk_ort_type_float() }
}

/// Name, element type and shape (-1 for a symbolic dimension) of a model input or output.
public struct TensorInfo: Sendable, Equatable {
    public var name: String
    /// Nil for element types Likeness does not handle.
    public var element: TensorElement?
    public var shape: [Int]
}

/// One opened model. Owns its `OrtSession`; `run` may be called from one thread at a time.
public final class ONNXSession: @unchecked Sendable {
    let runtime: ONNXRuntime
    let session: OpaquePointer
    /// A label for errors (the model id).
    public let label: String
    public let inputs: [TensorInfo]
    public let outputs: [TensorInfo]

    public init(runtime: ONNXRuntime, modelPath: String, threads: Int, label: String) throws(EmbeddingError) {
        self.runtime = runtime
        self.label = label
        var session: OpaquePointer?
        try runtime.check(lk_ort_create_session(runtime.api, runtime.environment, modelPath, Int32(max(1, threads)), &session), model: label)
        self.session = session!
        do {
            inputs = try Self.describe(runtime, session!, output: false, label: label)
            outputs = try Self.describe(runtime, session!, output: true, label: label)
        } catch {
            lk_ort_release_session(runtime.api, session!)
            throw error
        }
    }

    deinit { lk_ort_release_session(runtime.api, session) }

    private static func describe(_ runtime: ONNXRuntime, _ session: OpaquePointer, output: Bool, label: String) throws(EmbeddingError) -> [TensorInfo] {
        var count = 0
        try runtime.check(lk_ort_io_count(runtime.api, session, output ? 1 : 0, &count), model: label)
        var infos: [TensorInfo] = []
        for index in 0..<count {
            var name = [CChar](repeating: 0, count: 512)
            try runtime.check(lk_ort_io_name(runtime.api, session, output ? 1 : 0, index, &name, name.count), model: label)
            var type: Int32 = 0, dims = [Int64](repeating: 0, count: 8), rank = 0
            try runtime.check(lk_ort_io_shape(runtime.api, session, output ? 1 : 0, index, &type, &dims, dims.count, &rank), model: label)
            infos.append(TensorInfo(name: String(cString: name), element: TensorElement(ortType: type), shape: dims.prefix(rank).map { Int($0) }))
        }
        return infos
    }

    /// Input data for one run.
    public enum Input: Sendable {
        case uint8([UInt8])
        case float32([Float])
    }

    /// Runs `input` (with `shape`) through the model and returns the named float output and its shape.
    public func run(inputName: String, input: Input, shape: [Int], outputName: String) throws(EmbeddingError) -> (shape: [Int], values: [Float]) {
        let dims = shape.map { Int64($0) }
        var output: OpaquePointer?
        let status: OpaquePointer?
        switch input {
        case .uint8(var bytes):
            status = bytes.withUnsafeMutableBytes { raw in
                lk_ort_run(runtime.api, session, inputName, raw.baseAddress, raw.count, dims, dims.count, TensorElement.uint8.ortType, outputName, &output)
            }
        case .float32(var floats):
            status = floats.withUnsafeMutableBytes { raw in
                lk_ort_run(runtime.api, session, inputName, raw.baseAddress, raw.count, dims, dims.count, TensorElement.float32.ortType, outputName, &output)
            }
        }
        try runtime.check(status, model: label)
        defer { lk_ort_release_value(runtime.api, output) }
        var outDims = [Int64](repeating: 0, count: 8), rank = 0
        var data: UnsafeMutablePointer<Float>?
        try runtime.check(lk_ort_value_floats(runtime.api, output, &outDims, outDims.count, &rank, &data), model: label)
        let outShape = outDims.prefix(rank).map { Int($0) }
        let count = outShape.reduce(1, *)
        return (outShape, Array(UnsafeBufferPointer(start: data, count: count)))
    }
}
