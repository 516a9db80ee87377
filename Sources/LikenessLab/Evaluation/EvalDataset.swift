import LikenessEngine
import Foundation
import LikenessCore
import LikenessDatasets

/// A retrieval benchmark: images and which group (class, scene) each belongs to.
public struct EvalDataset: Sendable {
    /// How relevance is read from the files.
    public enum Layout: String, Sendable, Codable, CaseIterable {
        /// One folder per class: images in the same folder are relevant to each other.
        case folders
        /// UKBench: files numbered ukbench00000…, four consecutive numbers per object.
        case ukbench
        /// INRIA Holidays: NNNN00.jpg is a query and NNNNxx.jpg its matches (same leading digits).
        case holidays
        /// An IDX image file (MNIST, Fashion-MNIST; .gz allowed) with its labels file next to it
        /// (`…-images-idx3-ubyte…` → `…-labels-idx1-ubyte…`): images with the same label are relevant.
        case idx
    }

    /// File paths, or names like `t10k-images-idx3-ubyte.gz#17` for in-memory images.
    public var paths: [String]
    /// Group label per path.
    public var groups: [Int]
    public var groupNames: [String]
    /// The images themselves when they are not files (IDX).
    public var pixels: [PixelBuffer]?

    public init(paths: [String], groups: [Int], groupNames: [String], pixels: [PixelBuffer]? = nil) {
        self.paths = paths
        self.groups = groups
        self.groupNames = groupNames
        self.pixels = pixels
    }

    /// Reads a dataset folder in the given layout; files that do not fit the layout are an error.
    /// With `idx`, `root` is an IDX image file or a folder holding one (see ``idxRetrievalFile(in:)``).
    public static func load(_ root: String, layout: Layout, limit: Int? = nil) throws(EvalError) -> EvalDataset {
        if layout == .idx {
            var isFolder: ObjCBool = false
            let root = FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) && isFolder.boolValue
                ? try idxRetrievalFile(in: root) : root
            let labels = root.replacingOccurrences(of: "images-idx3", with: "labels-idx1")
            guard labels != root else { throw EvalError.unexpectedName(root, layout) }
            do {
                let data = try IDXDataset.load(images: root, labels: labels, limit: limit)
                let name = (root as NSString).lastPathComponent
                return EvalDataset(paths: data.images.indices.map { "\(name)#\($0)" }, groups: data.labels,
                                   groupNames: (0...(data.labels.max() ?? 0)).map(String.init), pixels: data.images)
            } catch {
                throw EvalError.dataset(error.description)
            }
        }
        let files = FileWalker.files(in: [root])
        guard !files.isEmpty else { throw EvalError.empty(root) }
        var keys: [String] = []
        for path in files {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            switch layout {
            case .folders:
                keys.append(((path as NSString).deletingLastPathComponent as NSString).lastPathComponent)
            case .ukbench:
                guard let number = Int(name.filter(\.isNumber)) else { throw EvalError.unexpectedName(path, layout) }
                keys.append(String(number / 4))
            case .holidays:
                guard name.count >= 3, let number = Int(name) else { throw EvalError.unexpectedName(path, layout) }
                keys.append(String(number / 100))
            case .idx:
                break
            }
        }
        let names = Array(Set(keys)).sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        return EvalDataset(paths: files, groups: keys.map { index[$0]! }, groupNames: names)
    }
}

/// A dataset that cannot be evaluated as asked.
public enum EvalError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty(String)
    case unexpectedName(String, EvalDataset.Layout)
    case dataset(String)
    /// A method could not run at all (its model is missing, libvips did not start…).
    case method(String, String)
    /// A class has fewer images than a split needs.
    case tooFewImages(group: String, count: Int, needed: Int)
    /// A classifier needs at least two classes.
    case tooFewClasses(Int)

    public var description: String {
        switch self {
        case .empty(let root): "no images in \(root)"
        case .unexpectedName(let path, .idx):
            "\(path) is not named like an IDX image file (…-images-idx3-ubyte, optionally .gz, with its …-labels-idx1-ubyte beside it)"
        case .unexpectedName(let path, let layout): "\(path) does not follow the \(layout.rawValue) naming"
        case .dataset(let message): message
        case .method(let name, let message): "method \(name): \(message)"
        case .tooFewImages(let group, let count, let needed):
            "class '\(group)' has \(count) image\(count == 1 ? "" : "s"); the linear probe needs at least \(needed) per class (one to train, one to test)"
        case .tooFewClasses(let count): "the linear probe needs at least 2 classes, found \(count)"
        }
    }
}
