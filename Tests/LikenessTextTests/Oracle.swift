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
