internal import CLuma

/// The luma kernels of the ``CLuma`` shim, narrowest first. The raw values are the shim's `LK_LUMA_*` levels.
enum LumaKernel: Int32, CaseIterable, Comparable, Sendable {
    case portable = 0
    case avx2 = 1

    /// The widest kernel this CPU runs, asked once.
    static let best = LumaKernel(rawValue: lk_luma_level()) ?? .portable

    /// Every kernel this CPU runs.
    static var available: [LumaKernel] { allCases.filter { $0 <= best } }

    static func < (lhs: LumaKernel, rhs: LumaKernel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `grey[i]` = BT.601 luma of the RGB pixel i, rounded, for i < `count`.
    func luma(_ rgb: UnsafePointer<UInt8>, into grey: UnsafeMutablePointer<UInt8>, count: Int) {
        lk_luma_rgb8(rawValue, rgb, grey, count)
    }
}
