import Foundation

/// Where `make setup` put ONNX Runtime, the default model and the tiny test models.
public enum TestModels {
    public static var cache: String {
        if let cache = ProcessInfo.processInfo.environment["LIKENESS_CACHE"], !cache.isEmpty { return cache }
        return (NSHomeDirectory() as NSString).appendingPathComponent(".cache/likeness")
    }

    public static var runtimeLibrary: String {
        if let home = ProcessInfo.processInfo.environment["ORT_HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent("lib/libonnxruntime.so")
        }
        return (cache as NSString).appendingPathComponent("onnxruntime/lib/libonnxruntime.so")
    }

    public static var modelsDirectory: String { (cache as NSString).appendingPathComponent("models") }

    /// Folder of vit-tiny, resnet-tiny and nan-tiny (.onnx and .json), written by scripts/onnx/make_test_models.py.
    public static var tinyDirectory: String { (cache as NSString).appendingPathComponent("test-models") }

    public static func tinyManifest(_ name: String) -> String { (tinyDirectory as NSString).appendingPathComponent("\(name).json") }
}
