import LikenessCore

/// Plain dynamic programs and seeded strings the fast metrics are checked against.
enum Oracle {
    /// Wagner–Fischer: the full Levenshtein table, the textbook recurrence.
    static func levenshtein(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
        }
        return table[a.count][b.count]
    }

    /// Jaro by the textbook loops: each scalar of `a` takes the first unmatched equal scalar of
    /// `b` inside the window.
    static func jaro(_ a: [UInt32], _ b: [UInt32]) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA = [Bool](repeating: false, count: a.count), matchedB = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in a.indices {
            let low = max(0, i - window), high = min(b.count - 1, i + window)
            guard low <= high else { continue }
            for j in low...high where !matchedB[j] && b[j] == a[i] {
                matchedA[i] = true
                matchedB[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var outOfOrder = 0, j = 0
        for i in a.indices where matchedA[i] {
            while !matchedB[j] { j += 1 }
            if a[i] != b[j] { outOfOrder += 1 }
            j += 1
        }
        let m = Double(matches)
        return (m / Double(a.count) + m / Double(b.count) + (m - Double(outOfOrder / 2)) / m) / 3
    }

    /// A random string of `length` scalars drawn from `alphabet`.
    static func string(_ random: inout SeededRandom, length: Int, alphabet: [UInt32]) -> [UInt32] {
        (0..<length).map { _ in alphabet[random.int(in: 0..<alphabet.count)] }
    }

    /// `text` with `edits` random substitutions, insertions, deletions or adjacent swaps.
    static func mutate(_ text: [UInt32], _ random: inout SeededRandom, edits: Int, alphabet: [UInt32]) -> [UInt32] {
        var out = text
        for _ in 0..<edits {
            let position = out.isEmpty ? 0 : random.int(in: 0..<out.count)
            switch random.int(in: 0..<4) {
            case 0 where !out.isEmpty: out[position] = alphabet[random.int(in: 0..<alphabet.count)]
            case 1: out.insert(alphabet[random.int(in: 0..<alphabet.count)], at: position)
            case 2 where !out.isEmpty: out.remove(at: position)
            case 3 where position + 1 < out.count: out.swapAt(position, position + 1)
            default: break
            }
        }
        return out
    }

    static let dna: [UInt32] = "ACGT".unicodeScalars.map(\.value)
    static let letters: [UInt32] = "abcdefghijklmnopqrstuvwxyz".unicodeScalars.map(\.value)
    /// ASCII, Latin-1, Greek, CJK and an emoji: scalars below and above 256.
    static let mixed: [UInt32] = "aé€ßΩ漢字😀b".unicodeScalars.map(\.value)
}
