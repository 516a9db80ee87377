@testable import LikenessImaging
import LikenessTestSupport
import Testing

/// Every luma kernel this CPU runs against BT.601 computed in Swift, at every length around the
/// vector widths, on random pixels and on the extremes.
@Suite struct LumaKernelTests {
    /// round(0.299 R + 0.587 G + 0.114 B), in exact integer arithmetic on the same fixed-point weights.
    static func reference(_ rgb: [UInt8]) -> [UInt8] {
        stride(from: 0, to: rgb.count, by: 3).map { (i: Int) -> UInt8 in
            let weighted: Int = 19_595 * Int(rgb[i]) + 38_470 * Int(rgb[i + 1]) + 7_471 * Int(rgb[i + 2])
            return UInt8((weighted + 32_768) >> 16)
        }
    }

    @Test("each kernel gives the reference's luma at every length from 0 to 200 pixels and at 100,003", arguments: LumaKernel.available)
    func matchesReference(kernel: LumaKernel) {
        var generator = SeededGenerator(seed: 7)
        for count in Array(0...200) + [100_003] {
            let rgb = (0..<(3 * count)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var grey = [UInt8](repeating: 0, count: count)
            rgb.withUnsafeBufferPointer { source in
                grey.withUnsafeMutableBufferPointer { kernel.luma(source.baseAddress!, into: $0.baseAddress!, count: count) }
            }
            if grey != Self.reference(rgb) { Issue.record("\(kernel) differs at \(count) pixels"); return }
        }
    }

    @Test("white stays 255, black 0, and pure red, green and blue give 76, 150 and 29", arguments: LumaKernel.available)
    func extremes(kernel: LumaKernel) {
        let pixels: [[UInt8]] = [[255, 255, 255], [0, 0, 0], [255, 0, 0], [0, 255, 0], [0, 0, 255]]
        let rgb = Array(Array(repeating: pixels, count: 13).joined().joined())
        var grey = [UInt8](repeating: 1, count: rgb.count / 3)
        rgb.withUnsafeBufferPointer { source in
            grey.withUnsafeMutableBufferPointer { kernel.luma(source.baseAddress!, into: $0.baseAddress!, count: rgb.count / 3) }
        }
        #expect(grey == Array(Array(repeating: [255, 0, 76, 150, 29] as [UInt8], count: 13).joined()))
    }

    @Test("this CPU's widest kernel is chosen")
    func best() {
        #expect(LumaKernel.available.last == LumaKernel.best && LumaKernel.available.first == .portable)
    }
}
