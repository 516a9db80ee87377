import Foundation
import LikenessDatasets

extension EvalDataset.Layout {
    /// The layout a dataset is read with when none is given: `idx` for an IDX image file
    /// (recognised by its magic number, gzip-compressed or not, whatever its name) or a folder
    /// holding one; `folders` for anything else.
    public static func detected(for root: String) -> Self {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else { return .folders }
        if !isFolder.boolValue { return IDXDataset.isIDX(root) ? .idx : .folders }
        return EvalDataset.idxImageFiles(in: root).isEmpty ? .folders : .idx
    }
}

extension EvalDataset {
    /// The IDX image files directly in `folder` (`…-images-idx3-ubyte`, optionally `.gz`), sorted.
    static func idxImageFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix("-images-idx3-ubyte") || $0.hasSuffix("-images-idx3-ubyte.gz") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The IDX image file retrieval reads from an IDX folder: the test file (`t10k-…`, as for
    /// MNIST and Fashion-MNIST) when there is one, else the folder's only image file.
    static func idxRetrievalFile(in folder: String) throws(EvalError) -> String {
        let files = idxImageFiles(in: folder)
        if let test = files.first(where: { ($0 as NSString).lastPathComponent.hasPrefix("t10k-") }) { return test }
        guard files.count == 1 else {
            throw files.isEmpty
                ? .dataset("\(folder) holds no IDX image file (…-images-idx3-ubyte or .gz)")
                : .dataset("\(folder) holds \(files.count) IDX image files and none is t10k-…; give the file to evaluate")
        }
        return files[0]
    }
}
