/// PNG's five row filters undone (PNG specification, section 9): each row of the inflated data is
/// a filter byte and `rowBytes` filtered bytes, predicted from the pixel to the left, the one
/// above and the one above-left, `pixelBytes` bytes apart.
enum PNGUnfilter {
    /// Writes the unfiltered rows of `filtered` (each `rowBytes + 1` long) packed into `rows`.
    /// Returns false, leaving `rows` partly written, on a filter byte above 4.
    static func unfilter(_ filtered: UnsafeBufferPointer<UInt8>, into rows: UnsafeMutableBufferPointer<UInt8>,
                         rowBytes: Int, pixelBytes: Int) -> Bool {
        let count = rows.count / rowBytes
        guard count * rowBytes == rows.count, filtered.count == count * (rowBytes + 1),
              let source = filtered.baseAddress, let target = rows.baseAddress else { return false }
        // The row above the first is all zeros.
        let zeros = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes)
        zeros.initialize(repeating: 0, count: rowBytes)
        defer { zeros.deallocate() }
        for row in 0..<count {
            let input = source + row * (rowBytes + 1)
            let output = target + row * rowBytes
            let above = row == 0 ? UnsafePointer(zeros) : UnsafePointer(output - rowBytes)
            switch input[0] {
            case 0: output.update(from: input + 1, count: rowBytes)
            case 1: sub(input + 1, output, rowBytes, pixelBytes)
            case 2: up(input + 1, above, output, rowBytes)
            case 3: average(input + 1, above, output, rowBytes, pixelBytes)
            case 4: paeth(input + 1, above, output, rowBytes, pixelBytes)
            default: return false
            }
        }
        return true
    }

    private static func sub(_ input: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>, _ count: Int, _ step: Int) {
        for i in 0..<min(step, count) { output[i] = input[i] }
        for i in min(step, count)..<count { output[i] = input[i] &+ output[i - step] }
    }

    private static func up(_ input: UnsafePointer<UInt8>, _ above: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>, _ count: Int) {
        for i in 0..<count { output[i] = input[i] &+ above[i] }
    }

    private static func average(_ input: UnsafePointer<UInt8>, _ above: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>,
                                _ count: Int, _ step: Int) {
        for i in 0..<min(step, count) { output[i] = input[i] &+ above[i] >> 1 }
        for i in min(step, count)..<count {
            output[i] = input[i] &+ UInt8(truncatingIfNeeded: (UInt16(output[i - step]) + UInt16(above[i])) >> 1)
        }
    }

    /// The Paeth predictor: of left (a), above (b) and above-left (c), the one nearest a + b − c,
    /// ties going to a, then b.
    private static func paeth(_ input: UnsafePointer<UInt8>, _ above: UnsafePointer<UInt8>, _ output: UnsafeMutablePointer<UInt8>,
                              _ count: Int, _ step: Int) {
        // With no pixel to the left, a = c = 0 and the predictor is b.
        for i in 0..<min(step, count) { output[i] = input[i] &+ above[i] }
        for i in min(step, count)..<count {
            let (a, b, c) = (Int16(output[i - step]), Int16(above[i]), Int16(above[i - step]))
            let toA = abs(b - c), toB = abs(a - c), toC = abs(a + b - c - c)
            let predicted = toA < toB && toA <= toC ? a : (toB <= toC ? b : c)
            output[i] = input[i] &+ UInt8(truncatingIfNeeded: predicted)
        }
    }
}
