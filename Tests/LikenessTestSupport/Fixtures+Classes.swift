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

extension Fixtures {
    /// A bright half and a dark half with seeded noise: the left half bright when `vertical`, else
    /// the top half. Brightness levels vary with the seed, so no two images are the same.
    public static func halves(size: Int, vertical: Bool, seed: UInt64) -> PixelBuffer {
        var generator = SeededGenerator(seed: seed)
        let bright = Int.random(in: 180...230, using: &generator), dark = Int.random(in: 20...70, using: &generator)
        var bytes = [UInt8]()
        bytes.reserveCapacity(size * size * 3)
        for y in 0..<size {
            for x in 0..<size {
                let level = (vertical ? x : y) < size / 2 ? bright : dark
                let grey = UInt8(clamping: level + Int.random(in: -15...15, using: &generator))
                bytes += [grey, grey, grey]
            }
        }
        return PixelBuffer(width: size, height: size, bytes: bytes)
    }

    /// Two kinds of images no brightness or colour tells apart, only their layout: `perKind` PNGs of
    /// ``halves(size:vertical:seed:)`` in `root/vertical/` (left half bright) and `root/horizontal/`
    /// (top half bright). Returns the paths written.
    @discardableResult
    public static func writeHalves(in root: String, perKind: Int, size: Int = 48) throws -> [String] {
        let encoder = try ImageEncoder()
        var paths: [String] = []
        for (kind, vertical) in [("vertical", true), ("horizontal", false)] {
            let folder = (root as NSString).appendingPathComponent(kind)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for n in 0..<perKind {
                let path = (folder as NSString).appendingPathComponent("\(n).png")
                try encoder.write(halves(size: size, vertical: vertical, seed: UInt64((vertical ? 500 : 600) + n)), to: path)
                paths.append(path)
            }
        }
        return paths
    }
}
