import LikenessCore
import LikenessImaging
import LikenessTestSupport
import Testing

@Suite struct ImageEditTests {
    let editor: ImageEditor
    let photo = Fixtures.pattern(width: 200, height: 100, seed: 3)

    init() throws { editor = try ImageEditor() }

    @Test("geometry of each edit")
    func geometry() throws {
        func size(_ edit: ImageEdit) throws -> (Int, Int) {
            let out = try editor.apply(edit, to: photo)
            return (out.width, out.height)
        }
        #expect(try size(.crop(fraction: 0.5)) == (100, 50))
        #expect(try size(.resize(fraction: 0.25)) == (50, 25))
        #expect(try size(.quarterTurn(1)) == (100, 200))
        #expect(try size(.rotate(degrees: 10)) == (200, 100))
        #expect(try size(.shift(fraction: 0.1)) == (200, 100))
        #expect(try size(.jpeg(quality: 30)) == (200, 100))
    }

    @Test("flip mirrors; a quarter turn moves the top-left corner to the top-right")
    func pixels() throws {
        let flipped = try editor.apply(.flip, to: photo)
        #expect(flipped[0, 10] == photo[199, 10])
        let turned = try editor.apply(.quarterTurn(1), to: photo)
        #expect(turned[99, 0] == photo[0, 0])
    }

    @Test("shift moves content and mirrors into the gap")
    func shift() throws {
        let shifted = try editor.apply(.shift(fraction: 0.1), to: photo)
        #expect(shifted[20 + 50, 10 + 30] == photo[50, 30])
        #expect(shifted[19, 10] == photo[0, 0], "mirror: the first column beyond the edge repeats the edge")
    }

    @Test("tone edits: exposure doubles, greyscale equalises channels, overlay paints the bottom")
    func tone() throws {
        let grey = Fixtures.solid(width: 4, height: 20, rgb: (60, 100, 140))
        #expect(try editor.apply(.exposure(ev: 1), to: grey)[0, 0] == (120, 200, 255))
        let g = try editor.apply(.greyscale, to: grey)[0, 0]
        #expect(g.r == g.g && g.g == g.b)
        let covered = try editor.apply(.overlay, to: grey)
        #expect(covered[0, 19] == (230, 40, 40))
        #expect(covered[0, 0] == (60, 100, 140))
        #expect(try editor.apply(.contrast(factor: 2), to: grey)[0, 0] == (0, 72, 152))
    }

    @Test func names() {
        #expect(ImageEdit.rotate(degrees: -3).description == "rotate -3°")
        #expect(ImageEdit.combination([.crop(fraction: 0.9), .jpeg(quality: 50)]).description == "crop 90% + jpeg q50")
        #expect(Set(ImageEdit.standardSet.map(\.description)).count == ImageEdit.standardSet.count)
    }
}
