import Foundation
import LikenessCore
import LikenessImaging

extension Fixtures {
    /// A flat colour with seeded per-pixel noise of up to ±`noise` in each channel.
    public static func tinted(width: Int, height: Int, rgb: (UInt8, UInt8, UInt8), noise: Int, seed: UInt64) -> PixelBuffer {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8]()
        bytes.reserveCapacity(width * height * 3)
        for _ in 0..<(width * height) {
            for channel in [rgb.0, rgb.1, rgb.2] {
                bytes.append(UInt8(clamping: Int(channel) + Int.random(in: -noise...noise, using: &generator)))
            }
        }
        return PixelBuffer(width: width, height: height, bytes: bytes)
    }

    /// Writes a folder-per-class dataset under `root`: `perClass` noisy PNGs of each class's colour
    /// in `root/<name>/<n>.png`. Returns the paths written.
    @discardableResult
    public static func writeColourClasses(in root: String, classes: [(name: String, rgb: (UInt8, UInt8, UInt8))],
                                          perClass: Int, size: Int = 24) throws -> [String] {
        let encoder = try ImageEncoder()
        var paths: [String] = []
        for (c, entry) in classes.enumerated() {
            let folder = (root as NSString).appendingPathComponent(entry.name)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for n in 0..<perClass {
                let path = (folder as NSString).appendingPathComponent("\(n).png")
                try encoder.write(tinted(width: size, height: size, rgb: entry.rgb, noise: 20, seed: UInt64(c * 1000 + n)), to: path)
                paths.append(path)
            }
        }
        return paths
    }
}
