/// Fixed-width text columns. `String(format:)`'s `%-11@` does not pad on Linux, so text tables pad
/// in Swift.
extension String {
    /// This text followed by spaces up to `width` characters (longer text is left whole).
    func leftAligned(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    /// Spaces up to `width` characters, then this text (longer text is left whole).
    func rightAligned(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
