/// The bounds the banded Levenshtein scan tries in turn: a small first guess above the length
/// difference, then a guess extrapolated from how fast the failed scan used up its bound.
///
/// A scan with bound k costs about n × (k + 1)/64 word steps if it succeeds, and gives up early if
/// the strings differ faster than k allows; each raise at least doubles the edits allowed beyond
/// the length difference, so failed scans cost at most about as much as the last one. The guesses
/// change only the speed: every outcome is exact.
enum BoundGuess {
    /// Edits beyond the length difference that the first scan allows.
    static let first = 64

    /// The next bound after a scan with `bound` gave up at `column` of `columns`: the larger of
    /// twice the excess over `floor` (the length difference) and the excess the failed scan's pace
    /// predicts for the whole text, with a quarter more as margin; `ceiling` (which no distance
    /// exceeds) once the guess reaches two thirds of it. A pace taken from a short prefix tends to
    /// under-predict, and a scan that fails a second time costs more than the ceiling's wider band.
    static func next(after bound: Int, floor: Int, gaveUpAt column: Int, columns: Int, ceiling: Int) -> Int {
        let excess = max(1, bound - floor)
        let paced = (excess + 1) * columns / max(1, column)
        let guess = floor + max(2 * excess, paced + paced / 4)
        return guess >= ceiling - ceiling / 3 ? ceiling : guess
    }
}
