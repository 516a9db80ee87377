internal import CHamming

/// The Hamming-distance kernels of the ``CHamming`` shim, narrowest first. The raw values are the
/// shim's `LK_HAMMING_*` levels.
enum HammingKernel: Int32, CaseIterable, Comparable, Sendable {
    case portable = 0
    case avx2 = 1
    case avx512 = 2

    /// The widest kernel this CPU runs, asked once.
    static let best = HammingKernel(rawValue: lk_hamming_level()) ?? .portable

    /// Every kernel this CPU runs.
    static var available: [HammingKernel] { allCases.filter { $0 <= best } }

    static func < (lhs: HammingKernel, rhs: HammingKernel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `out[j]` = distance from the descriptor at `a` to descriptor j of `b`, for j < `count`.
    func row(_ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, count: Int, into out: UnsafeMutablePointer<Int16>) {
        lk_hamming_row(rawValue, a, b, count, out)
    }
}
