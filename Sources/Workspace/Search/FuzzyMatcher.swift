/// fzf-style fuzzy matching of one query against one text (a path): the query's characters
/// must appear in order; the score rewards matches at word boundaries, after `/`, at camelCase
/// humps and in consecutive runs, and penalises gaps.
///
/// The scoring constants are fzf's (`algo.go`): a match is worth 16, a gap costs 3 to open and
/// 1 per further character; boundary bonus 8 (10 after whitespace, 9 after a delimiter such as
/// `/`), camelCase or letter→digit 7, consecutive 4 at least, and the first query character's
/// bonus counts double. The algorithm is our own dynamic program with affine gaps over UTF-8
/// bytes (ASCII case folding), O(m·n) per candidate, run only on texts that pass a linear
/// subsequence check.
package enum FuzzyMatcher {
    static let scoreMatch = 16
    static let gapStart = -3
    static let gapExtension = -1
    static let bonusBoundary = 8
    static let bonusNonWord = 8
    static let bonusCamel = 7
    static let bonusConsecutive = 4
    static let bonusBoundaryWhite = 10
    static let bonusBoundaryDelimiter = 9
    static let firstCharMultiplier = 2

    /// A scored match: the score and the UTF-8 byte offsets of the matched characters.
    package struct Result: Hashable, Sendable {
        package var score: Int
        package var positions: [Int]
    }

    /// Matches `pattern` (already case-folded if insensitive) against `text`.
    ///
    /// - Parameters:
    ///   - text: the original bytes (for boundary and camelCase bonuses).
    ///   - folded: `text` with ASCII letters lowercased when matching case-insensitively, else
    ///     `text` itself.
    ///   - withPositions: also compute the matched positions (costs an m×n table).
    /// - Returns: nil when `pattern` is not a subsequence of `folded`.
    package static func match(
        _ pattern: UnsafeBufferPointer<UInt8>,
        text: UnsafeBufferPointer<UInt8>,
        folded: UnsafeBufferPointer<UInt8>,
        withPositions: Bool,
        scratch: inout FuzzyScratch
    ) -> Result? {
        let m = pattern.count
        let n = folded.count
        if m == 0 { return Result(score: 0, positions: []) }
        if m > n { return nil }
        // The window: from the first occurrence of the first query byte to the last occurrence
        // of the last one (no match can lie outside it).
        guard self.subsequenceEnd(pattern, folded) != nil else { return nil }
        var start = 0
        while folded[start] != pattern[0] { start += 1 }
        var last = n - 1
        while folded[last] != pattern[m - 1] { last -= 1 }
        let width = last - start + 1
        scratch.prepare(width: width)
        // Bonus per position in the window.
        var previousClass = start > 0 ? CharacterClass(text[start - 1]) : .delimiter
        for offset in 0..<width {
            let current = CharacterClass(text[start + offset])
            scratch.bonus[offset] = Self.bonus(previous: previousClass, current: current)
            previousClass = current
        }
        let minimum = Int.min / 4
        for j in 0..<width {
            scratch.previousH[j] = minimum
            scratch.previousRun[j] = 0
            scratch.previousChunk[j] = 0
        }
        // For positions: per row, the H values and whether the match came diagonally.
        var table: [Int] = withPositions ? [Int](repeating: minimum, count: m * width) : []
        var diagonal: [Bool] = withPositions ? [Bool](repeating: false, count: m * width) : []
        for i in 0..<m {
            let p = pattern[i]
            var gap = minimum  // best previous-row score reachable with a gap ending here
            for j in 0..<width {
                if j >= 2 {
                    gap = max(gap + gapExtension, scratch.previousH[j - 2] + gapStart)
                }
                var score = minimum
                var run = 0
                var chunk = 0
                var fromDiagonal = false
                if folded[start + j] == p {
                    if i == 0 {
                        score = scoreMatch + scratch.bonus[j] * firstCharMultiplier
                        run = 1
                        chunk = scratch.bonus[j]
                    } else {
                        let viaGap = gap > minimum ? gap + scoreMatch + scratch.bonus[j] : minimum
                        var viaDiagonal = minimum
                        var diagonalChunk = 0
                        if j >= 1 && scratch.previousH[j - 1] > minimum {
                            diagonalChunk = scratch.previousChunk[j - 1]
                            var b = max(scratch.bonus[j], diagonalChunk, bonusConsecutive)
                            // A new boundary inside a run starts a fresh chunk.
                            if scratch.bonus[j] >= bonusBoundary && scratch.bonus[j] > diagonalChunk {
                                b = scratch.bonus[j]
                                diagonalChunk = scratch.bonus[j]
                            }
                            viaDiagonal = scratch.previousH[j - 1] + scoreMatch + b
                        }
                        if viaDiagonal >= viaGap && viaDiagonal > minimum {
                            score = viaDiagonal
                            run = scratch.previousRun[j - 1] + 1
                            chunk = diagonalChunk
                            fromDiagonal = true
                        } else if viaGap > minimum {
                            score = viaGap
                            run = 1
                            chunk = scratch.bonus[j]
                        }
                    }
                }
                scratch.currentH[j] = score
                scratch.currentRun[j] = run
                scratch.currentChunk[j] = chunk
                if withPositions {
                    table[i * width + j] = score
                    diagonal[i * width + j] = fromDiagonal
                }
            }
            swap(&scratch.previousH, &scratch.currentH)
            swap(&scratch.previousRun, &scratch.currentRun)
            swap(&scratch.previousChunk, &scratch.currentChunk)
        }
        // previousH now holds the last row.
        var bestScore = minimum
        var bestJ = -1
        for j in 0..<width where scratch.previousH[j] > bestScore {
            bestScore = scratch.previousH[j]
            bestJ = j
        }
        guard bestJ >= 0 else { return nil }
        guard withPositions else { return Result(score: bestScore, positions: []) }
        var positions = [Int](repeating: 0, count: m)
        var j = bestJ
        var i = m - 1
        while i >= 0 {
            positions[i] = start + j
            if i == 0 { break }
            if diagonal[i * width + j] {
                j -= 1
            } else {
                // Find the previous-row position this gap came from: the best-scoring k ≤ j-2.
                var bestK = -1
                var bestValue = minimum
                for k in stride(from: j - 2, through: 0, by: -1) {
                    let value = table[(i - 1) * width + k]
                    if value <= minimum { continue }
                    let candidate = value + gapStart + gapExtension * (j - k - 2)
                    if candidate > bestValue {
                        bestValue = candidate
                        bestK = k
                    }
                }
                guard bestK >= 0 else { break }
                j = bestK
            }
            i -= 1
        }
        return Result(score: bestScore, positions: positions)
    }

    /// `match` with a scratch buffer of its own (convenient, slower in loops).
    package static func match(_ pattern: String, in text: String, caseSensitive: Bool = false, withPositions: Bool = true) -> Result? {
        let patternBytes = caseSensitive ? Array(pattern.utf8) : Array(pattern.utf8).map(foldASCII)
        let textBytes = Array(text.utf8)
        let folded = caseSensitive ? textBytes : textBytes.map(foldASCII)
        var scratch = FuzzyScratch()
        return patternBytes.withUnsafeBufferPointer { p in
            textBytes.withUnsafeBufferPointer { t in
                folded.withUnsafeBufferPointer { f in
                    self.match(p, text: t, folded: f, withPositions: withPositions, scratch: &scratch)
                }
            }
        }
    }

    /// ASCII lowercase.
    @inline(__always)
    package static func foldASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The index just past the shortest prefix of `folded` containing `pattern` as a
    /// subsequence, or nil when it is not one.
    @inline(__always)
    package static func subsequenceEnd(_ pattern: UnsafeBufferPointer<UInt8>, _ folded: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = 0
        var index = 0
        let m = pattern.count
        let n = folded.count
        while index < n {
            if folded[index] == pattern[k] {
                k += 1
                if k == m { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    /// The bonus for matching a character of class `current` right after one of `previous`.
    static func bonus(previous: CharacterClass, current: CharacterClass) -> Int {
        if current.isWord {
            switch previous {
            case .white: return bonusBoundaryWhite
            case .delimiter: return bonusBoundaryDelimiter
            case .nonWord: return bonusBoundary
            default: break
            }
            if previous == .lower && current == .upper { return bonusCamel }
            if previous != .number && current == .number { return bonusCamel }
            return 0
        }
        switch current {
        case .white: return bonusBoundaryWhite
        case .delimiter, .nonWord: return bonusNonWord
        default: return 0
        }
    }

    /// The class of a byte for bonus purposes.
    enum CharacterClass: Equatable {
        case white, nonWord, delimiter, lower, upper, letter, number

        init(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): self = .lower
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): self = .upper
            case UInt8(ascii: "0")...UInt8(ascii: "9"): self = .number
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): self = .white
            case UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "|"):
                self = .delimiter
            case 0x80...: self = .letter
            default: self = .nonWord
            }
        }

        var isWord: Bool { self == .lower || self == .upper || self == .letter || self == .number }
    }
}

/// Reusable working memory for `FuzzyMatcher.match`, so scoring many candidates allocates
/// nothing per candidate.
package struct FuzzyScratch: Sendable {
    var bonus: [Int] = []
    var previousH: [Int] = []
    var currentH: [Int] = []
    var previousRun: [Int] = []
    var currentRun: [Int] = []
    var previousChunk: [Int] = []
    var currentChunk: [Int] = []

    package init() {}

    mutating func prepare(width: Int) {
        if self.bonus.count >= width { return }
        let size = max(width, 256)
        self.bonus = [Int](repeating: 0, count: size)
        self.previousH = self.bonus
        self.currentH = self.bonus
        self.previousRun = self.bonus
        self.currentRun = self.bonus
        self.previousChunk = self.bonus
        self.currentChunk = self.bonus
    }
}
