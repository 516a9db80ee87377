import Foundation
import LikenessImaging

extension Fixtures {
    /// Writes `count` unrelated blurred patterns, 240×160, as `1.png` … `N.png` into `folder`, and a
    /// half-size copy of the first as `1-half.png`: a small folder with one known near-duplicate pair.
    public static func writeBlurredPatterns(in folder: String, count: Int) throws {
        let encoder = try ImageEncoder(), editor = try ImageEditor()
        for seed in 1...count {
            let image = try editor.apply(.blur(sigma: 6), to: pattern(width: 240, height: 160, seed: UInt64(seed)))
            try encoder.write(image, to: (folder as NSString).appendingPathComponent("\(seed).png"))
            if seed == 1 {
                try encoder.write(try editor.resized(image, to: .fit(width: 120, height: 80)), to: (folder as NSString).appendingPathComponent("1-half.png"))
            }
        }
    }
}
