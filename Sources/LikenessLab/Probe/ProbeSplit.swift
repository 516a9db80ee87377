import LikenessEngine
import Foundation
import LikenessCore

/// A labelled dataset divided into a training and a test split, for the linear probe.
///
/// The images of both splits sit in one ``EvalDataset`` so their features are computed in one pass;
/// ``train`` and ``test`` are positions in it.
public struct ProbeSplit: Sendable {
    /// Training images first, then test images.
    public var dataset: EvalDataset
    /// Positions of the training images, ascending.
    public var train: [Int]
    /// Positions of the test images, ascending.
    public var test: [Int]

    public init(dataset: EvalDataset, train: [Int], test: [Int]) {
        self.dataset = dataset
        self.train = train
        self.test = test
    }

    /// How a dataset is split.
    public struct Configuration: Sendable {
        /// Share of each class held out for testing when the dataset is one set. Default 0.25.
        public var testFraction: Double
        /// At most this many training images (nil: all).
        public var trainLimit: Int?
        /// At most this many test images (nil: all).
        public var testLimit: Int?
        /// Seeds the per-class shuffles. Default 1.
        public var seed: UInt64

        public init(testFraction: Double = 0.25, trainLimit: Int? = nil, testLimit: Int? = nil, seed: UInt64 = 1) {
            self.testFraction = testFraction
            self.trainLimit = trainLimit
            self.testLimit = testLimit
            self.seed = seed
        }
    }

    /// Reads and splits a dataset.
    ///
    /// - An IDX folder holding `train-images-idx3-ubyte[.gz]` and `t10k-images-idx3-ubyte[.gz]` (the
    ///   MNIST and Fashion-MNIST layout) trains on the first and tests on the second; the limits take
    ///   the first N images of each file.
    /// - Anything else is read as one set by ``EvalDataset/load(_:layout:limit:)`` and split per class
    ///   by ``stratified(_:configuration:)``.
    public static func load(_ root: String, layout: EvalDataset.Layout,
                            configuration: Configuration = Configuration()) throws(EvalError) -> ProbeSplit {
        if layout == .idx, let (trainFile, testFile) = idxPair(in: root) {
            let train = try EvalDataset.load(trainFile, layout: .idx, limit: configuration.trainLimit)
            let test = try EvalDataset.load(testFile, layout: .idx, limit: configuration.testLimit)
            let names = train.groupNames.count >= test.groupNames.count ? train.groupNames : test.groupNames
            let joined = EvalDataset(paths: train.paths + test.paths, groups: train.groups + test.groups, groupNames: names,
                                     pixels: (train.pixels ?? []) + (test.pixels ?? []))
            let split = ProbeSplit(dataset: joined, train: Array(train.paths.indices),
                                   test: Array(train.paths.count..<(train.paths.count + test.paths.count)))
            try split.checkClasses()
            return split
        }
        return try stratified(try EvalDataset.load(root, layout: layout), configuration: configuration)
    }

    /// The train and t10k image files of an IDX folder, if `root` is a folder holding both.
    static func idxPair(in root: String) -> (train: String, test: String)? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: root) else { return nil }
        func find(_ prefix: String) -> String? {
            names.sorted().first { $0 == prefix || $0 == prefix + ".gz" }.map { (root as NSString).appendingPathComponent($0) }
        }
        guard let train = find("train-images-idx3-ubyte"), let test = find("t10k-images-idx3-ubyte") else { return nil }
        return (train, test)
    }

    /// Splits one set per class with a seeded shuffle: each class of n images gives
    /// max(1, round(n × testFraction)) images to the test split and the rest to training, so every
    /// class needs at least two images. Limits then keep a stratified subset of each split: classes
    /// are taken in turn, one image at a time, in their shuffled order.
    public static func stratified(_ data: EvalDataset, configuration: Configuration = Configuration()) throws(EvalError) -> ProbeSplit {
        let byGroup = Dictionary(grouping: data.paths.indices, by: { data.groups[$0] })
        guard byGroup.count >= 2 else { throw EvalError.tooFewClasses(byGroup.count) }
        for group in byGroup.keys.sorted() where byGroup[group]!.count < 2 {
            throw EvalError.tooFewImages(group: data.groupNames[group], count: byGroup[group]!.count, needed: 2)
        }
        let (kept, held) = holdOut(Array(data.paths.indices), groups: data.groups, fraction: configuration.testFraction, seed: configuration.seed)
        let split = ProbeSplit(dataset: data, train: roundRobin(kept, limit: configuration.trainLimit),
                               test: roundRobin(held, limit: configuration.testLimit))
        try split.checkClasses()
        return split
    }

    /// Splits `positions` per class (`groups[position]`) with one seeded shuffle per class, classes in
    /// ascending order: a class of n ≥ 2 gives max(1, round(n × fraction)) images, at most n − 1, to
    /// the held-out lists; a class of one image keeps it. Lists are per class, in shuffled order.
    static func holdOut(_ positions: [Int], groups: [Int], fraction: Double, seed: UInt64) -> (kept: [[Int]], held: [[Int]]) {
        var generator = SeededRandom(seed: seed)
        let byGroup = Dictionary(grouping: positions, by: { groups[$0] })
        var kept: [[Int]] = [], held: [[Int]] = []
        for group in byGroup.keys.sorted() {
            var members = byGroup[group]!
            generator.shuffle(&members)
            let count = members.count < 2 ? 0 : min(members.count - 1, max(1, Int((Double(members.count) * fraction).rounded())))
            held.append(Array(members.prefix(count)))
            kept.append(Array(members.dropFirst(count)))
        }
        return (kept, held)
    }

    /// The first `limit` items taking one from each list in turn (all of them without a limit), sorted.
    static func roundRobin(_ lists: [[Int]], limit: Int?) -> [Int] {
        var taken: [Int] = []
        let cap = limit ?? Int.max
        var depth = 0
        while taken.count < cap, lists.contains(where: { $0.count > depth }) {
            for list in lists where list.count > depth && taken.count < cap { taken.append(list[depth]) }
            depth += 1
        }
        return taken.sorted()
    }

    /// Both splits must be non-empty and training must hold at least two classes.
    func checkClasses() throws(EvalError) {
        let classes = Set(train.map { dataset.groups[$0] })
        guard classes.count >= 2 else { throw EvalError.tooFewClasses(classes.count) }
        guard !test.isEmpty else { throw EvalError.empty("the test split") }
    }
}
