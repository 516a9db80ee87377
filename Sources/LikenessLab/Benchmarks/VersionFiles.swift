import LikenessCore
import LikenessImaging

/// The file a benchmark version would be on disk, as a user's tools leave it: the original as the
/// camera's JPEG (quality 95) or as its own PNG; an edited copy saved in the original's format at
/// the same quality; a JPEG edit saved at its own quality. The keeper and quality benchmarks
/// measure these bytes, so what the file says (its JPEG tables, a palette) counts as in real use.
struct VersionFiles: Sendable {
    /// JPEG quality of the original and of copies saved after an edit.
    static let savedQuality = 95
    let editor: ImageEditor

    init() throws(ImagingError) { editor = try ImageEditor() }

    /// The suffix an image is saved with, given the original's format.
    func suffix(for format: ImageFormat, quality: Int = savedQuality) -> String {
        format == .png ? ".png" : ".jpg[Q=\(quality)]"
    }

    /// The file of `original` after `edit` (nil: the original itself), for an original in `format`.
    func bytes(of original: PixelBuffer, edit: ImageEdit?, format: ImageFormat) throws(ImagingError) -> [UInt8] {
        switch edit {
        case nil:
            return try editor.encoded(original, suffix: suffix(for: format))
        case .jpeg(let quality)?:
            return try editor.encoded(original, suffix: ".jpg[Q=\(quality)]")
        case .combination(let steps)?:
            // Edited, then saved as JPEG at the last step's quality: one file, one compression.
            guard case .jpeg(let quality)? = steps.last else {
                return try editor.encoded(try editor.apply(.combination(steps), to: original), suffix: suffix(for: format))
            }
            var pixels = original
            for step in steps.dropLast() { pixels = try editor.apply(step, to: pixels) }
            return try editor.encoded(pixels, suffix: ".jpg[Q=\(quality)]")
        case let edit?:
            return try editor.encoded(try editor.apply(edit, to: original), suffix: suffix(for: format))
        }
    }
}
