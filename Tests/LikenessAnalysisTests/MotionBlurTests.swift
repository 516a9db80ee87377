import Foundation
import LikenessAnalysis
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// Motion blur told from defocus on a real photo (OpenCV's rubberwhale1.png, 584 × 388): linear
/// motion kernels at four angles are flagged `motion-blur`; the original and Gaussian-blurred
/// copies are not.
@Suite struct MotionBlurTests {
    let original: PixelBuffer
    let editor = try! ImageEditor()

    init() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: TestPhotos.opencv("rubberwhale1.png"))))
        original = try ImageDecoder().decode(bytes, to: .fit(width: 584, height: 388)).pixels
    }

    func scores(_ pixels: PixelBuffer) -> QualityScores {
        QualityScores(measuring: pixels, width: pixels.width, height: pixels.height, format: .png)
    }

    @Test("the sharp original is not flagged, and its directional blur is low")
    func sharpOriginal() {
        let s = scores(original)
        #expect(s.motionBlur < 0.2)
        #expect(!s.issues.contains(.motionBlur))
    }

    @Test("Gaussian blur (defocus) lowers sharpness without reading as motion", arguments: [1.5, 3.0, 5.0])
    func defocus(sigma: Double) throws {
        let s = scores(try editor.apply(.blur(sigma: sigma), to: original))
        #expect(s.motionBlur < 0.2)
        #expect(!s.issues.contains(.motionBlur))
    }

    @Test("a linear motion of 15 pixels is flagged whatever its direction", arguments: [0.0, 45.0, 90.0, 135.0])
    func motion(degrees: Double) {
        let s = scores(Fixtures.motionBlurred(original, length: 15, degrees: degrees))
        #expect(s.motionBlur > 0.3)
        #expect(s.issues.contains(.motionBlur))
    }

    @Test("a flat image has no direction: score 0")
    func flat() {
        let grey = GreyImage(width: 64, height: 64, values: [Float](repeating: 90, count: 64 * 64))
        #expect(MotionBlur.measure(grey) == 0)
    }
}
