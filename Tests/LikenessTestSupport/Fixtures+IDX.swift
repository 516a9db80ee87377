import Foundation
import LikenessCore

extension Fixtures {
    /// The bytes of an unsigned-byte IDX file (MNIST format) with these dimensions and payload.
    public static func idx(_ dimensions: [Int], _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions { out += withUnsafeBytes(of: UInt32(d).bigEndian, Array.init) }
        return out + payload
    }

    /// Writes `prefix-images-idx3-ubyte` and `prefix-labels-idx1-ubyte` into `folder`: `count`
    /// 4×4 images in two classes (bright left half, label 0; bright right half, label 1) with
    /// seeded noise, so raw pixels retrieve their own class. With `gzip`, both are compressed by the
    /// system's gzip (the originals removed). Returns the images file's path.
    @discardableResult
    public static func writeIDXPair(in folder: String, prefix: String, count: Int = 8, gzip: Bool = false, seed: UInt64 = 3) throws -> String {
        var generator = SeededGenerator(seed: seed)
        var payload: [UInt8] = [], labels: [UInt8] = []
        for n in 0..<count {
            let label = UInt8(n % 2)
            labels.append(label)
            for _ in 0..<4 { for x in 0..<4 { payload.append(UInt8(((x < 2) == (label == 0) ? 200 : 20) + Int.random(in: 0..<10, using: &generator))) } }
        }
        let images = (folder as NSString).appendingPathComponent("\(prefix)-images-idx3-ubyte")
        let labelFile = (folder as NSString).appendingPathComponent("\(prefix)-labels-idx1-ubyte")
        try Data(idx([count, 4, 4], payload)).write(to: URL(fileURLWithPath: images))
        try Data(idx([count], labels)).write(to: URL(fileURLWithPath: labelFile))
        guard gzip else { return images }
        for path in [images, labelFile] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-f", path]
            try process.run()
            process.waitUntilExit()
        }
        return images + ".gz"
    }
}
