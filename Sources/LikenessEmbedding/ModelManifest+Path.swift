import Foundation

extension ModelManifest {
    /// Where the model file is: `file` itself when absolute, else relative to the models folder.
    public func path(in modelsDirectory: String) -> String {
        file.hasPrefix("/") ? file : (modelsDirectory as NSString).appendingPathComponent(file)
    }
}
