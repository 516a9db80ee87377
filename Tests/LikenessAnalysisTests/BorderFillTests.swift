import Foundation
@testable import LikenessAnalysis
import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

/// ``BorderFill`` on synthetic textures and real photographs: the flat corners a rotation leaves and
/// the bars of padding are found; a photograph's own flat areas are not.
@Suite struct BorderFillTests {
    let original = Fixtures.texture(width: 480, height: 360, seed: 11)
    let editor = try! ImageEditor()

    @Test("a turn by 3° or 10° fills its four corners; the texture and its crop, blur, JPEG and quarter turn fill none")
    func rotations() throws {
        #expect(BorderFill.share(original) == 0)
        for edit in [ImageEdit.crop(fraction: 0.8), .blur(sigma: 1.5), .jpeg(quality: 30), .quarterTurn(1), .flip] {
            #expect(BorderFill.share(try editor.apply(edit, to: original)) == 0, "\(edit)")
        }
        let small = BorderFill.share(try editor.apply(.rotate(degrees: 3), to: original))
        let large = BorderFill.share(try editor.apply(.rotate(degrees: -10), to: original))
        #expect(small > 0.05 && large > small, "3°: \(small), −10°: \(large)")
        // A small turn leaves long thin wedges (9 by 161 pixels at a corner here); a turned copy
        // re-saved as a JPEG or halved still fills its border. (A JPEG at quality 30 rings through
        // most of such thin wedges: their legs no longer agree, and no fill is found.)
        let turned = try editor.apply(.rotate(degrees: 3), to: original)
        for edit in [ImageEdit.jpeg(quality: 75), .resize(fraction: 0.5)] {
            let again = BorderFill.share(try editor.apply(edit, to: turned))
            #expect(again > 0.05, "\(edit): \(again)")
        }
    }

    @Test("letterbox bars fill both long edges and the ends of the short ones, in any flat colour")
    func bars() throws {
        for rgb: (UInt8, UInt8, UInt8) in [(0, 0, 0), (255, 255, 255), (40, 90, 200)] {
            let boxed = Fixtures.letterboxed(original, bar: 30, rgb: rgb)
            let expected = Double(2 * boxed.width + 4 * 30) / Double(2 * (boxed.width + boxed.height))
            #expect(abs(BorderFill.share(boxed) - expected) < 0.01, "\(rgb): \(BorderFill.share(boxed)) against \(expected)")
        }
    }

    @Test("two flat corners are not fill: a sky clipped white along the top, or one bar, counts nothing")
    func twoCorners() throws {
        let sky = PixelBuffer(width: original.width, height: original.height,
                              bytes: [UInt8](repeating: 255, count: original.width * 60 * 3) + original.bytes.dropFirst(original.width * 60 * 3))
        #expect(BorderFill.share(sky) == 0)
        let oneBar = Fixtures.letterboxed(original, bar: 30, rgb: (0, 0, 0))
        let top = PixelBuffer(width: oneBar.width, height: oneBar.height - 30, bytes: Array(oneBar.bytes.prefix(oneBar.width * (oneBar.height - 30) * 3)))
        #expect(BorderFill.share(top) == 0)
    }

    @Test("pictures on a flat backdrop (a product on white, renders and drawings on black) fill no border, nor do their crops; turned, they do")
    func backdrops() throws {
        let decoder = try ImageDecoder()
        for name in ["pic4.png", "pic6.png", "smarties.png", "HappyFish.jpg", "Blender_Suzanne1.jpg", "Blender_Suzanne2.jpg"] {
            let path = TestPhotos.opencv(name)
            let pixels = try decoder.decode(try decoder.open(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path),
                                            to: .fit(width: QualityScores.analysisSide, height: QualityScores.analysisSide))
            #expect(BorderFill.share(pixels) == 0, "\(name)")
            for fraction in [0.9, 0.75, 0.6] {
                #expect(BorderFill.share(try editor.apply(.crop(fraction: fraction), to: pixels)) == 0, "\(name) cropped to \(fraction)")
            }
            #expect(BorderFill.share(try editor.apply(.rotate(degrees: 3), to: pixels)) > 0.05, "\(name) turned")
        }
    }

    @Test("real photographs fill no border; each one turned by 3° does")
    func photographs() throws {
        try #require(!TestPhotos.mate.isEmpty, "make setup fetches the photos")
        let decoder = try ImageDecoder()
        for path in TestPhotos.mate {
            let image = try decoder.open(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
            let pixels = try decoder.decode(image, to: .fit(width: QualityScores.analysisSide, height: QualityScores.analysisSide))
            #expect(BorderFill.share(pixels) == 0, "\(path)")
            #expect(BorderFill.share(try editor.apply(.rotate(degrees: 3), to: pixels)) > 0.05, "\(path)")
        }
    }
}
