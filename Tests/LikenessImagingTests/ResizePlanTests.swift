@testable import LikenessImaging
import Testing

@Suite struct ResizePlanTests {
    @Test("12-megapixel photo to 224² shrinks by 8 on load")
    func bigPhoto() {
        let plan = ResizePlan(source: (4000, 3000), target: .squash(width: 224, height: 224))
        #expect(plan.scaled == (224, 224))
        #expect(plan.jpegShrink == 8)
    }

    @Test("shrink never goes below the size needed")
    func shrinkBound() {
        #expect(ResizePlan(source: (1000, 800), target: .squash(width: 224, height: 224)).jpegShrink == 2)
        #expect(ResizePlan(source: (448, 448), target: .squash(width: 224, height: 224)).jpegShrink == 2)
        #expect(ResizePlan(source: (447, 448), target: .squash(width: 224, height: 224)).jpegShrink == 1)
        #expect(ResizePlan(source: (100, 100), target: .fit(width: 224, height: 224)).jpegShrink == 1)
    }

    @Test("fit keeps aspect; centre crop covers then cuts the middle")
    func geometry() throws {
        let fit = ResizePlan(source: (400, 200), target: .fit(width: 100, height: 100))
        #expect(fit.scaled == (100, 50))
        #expect(fit.crop(width: 100, height: 50) == nil)
        let crop = ResizePlan(source: (400, 200), target: .centreCrop(width: 100, height: 100))
        #expect(crop.scaled == (200, 100))
        let area = try #require(crop.crop(width: 200, height: 100))
        #expect(area == (50, 0, 100, 100))
    }
}
