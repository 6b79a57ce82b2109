#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        /// Higher is better.
        package var score: Int
        /// UTF-8 byte offsets of the matched characters (empty unless asked for).
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
        guard self.subsequenceEnd(pattern, folded) != nil else { return nil }
        // The window: from the first occurrence of the first query byte to the last occurrence
        // of the last one (no match can lie outside it).
        var start = 0
        while folded[start] != pattern[0] { start += 1 }
        var last = n - 1
        while folded[last] != pattern[m - 1] { last -= 1 }
        if m == 1 {
            // One character: the best-placed occurrence, no table needed.
            var best = Int.min
            var bestIndex = start
            for index in start...last where folded[index] == pattern[0] {
                let previous = index > 0 ? CharacterClass(text[index - 1]) : .delimiter
                let score = scoreMatch + Self.bonus(previous: previous, current: CharacterClass(text[index])) * firstCharMultiplier
                if score > best {
                    best = score
                    bestIndex = index
                }
            }
            return Result(score: best, positions: withPositions ? [bestIndex] : [])
        }
        let width = last - start + 1
        scratch.prepare(width: width)
        let capacity = scratch.capacity
        let minimum = Int32.min / 4
        var table: [Int32] = withPositions ? [Int32](repeating: minimum, count: m * width) : []
        var diagonal: [Bool] = withPositions ? [Bool](repeating: false, count: m * width) : []
        let outcome: (score: Int32, column: Int) = scratch.storage.withUnsafeMutableBufferPointer { storage in
            guard let base = storage.baseAddress else { return (minimum, -1) }
            let bonus = base
            var previousH = base + capacity
            var currentH = base + 2 * capacity
            var previousChunk = base + 3 * capacity
            var currentChunk = base + 4 * capacity
            var previousClass = start > 0 ? CharacterClass(text[start - 1]) : .delimiter
            for offset in 0..<width {
                let current = CharacterClass(text[start + offset])
                bonus[offset] = Int32(Self.bonus(previous: previousClass, current: current))
                previousClass = current
            }
            let match = Int32(scoreMatch)
            let consecutive = Int32(bonusConsecutive)
            let boundary = Int32(bonusBoundary)
            let openGap = Int32(gapStart)
            let extendGap = Int32(gapExtension)
            // Row 0.
            let first = pattern[0]
            for j in 0..<width {
                if folded[start + j] == first {
                    previousH[j] = match + bonus[j] * Int32(firstCharMultiplier)
                    previousChunk[j] = bonus[j]
                } else {
                    previousH[j] = minimum
                    previousChunk[j] = 0
                }
                if withPositions { table[j] = previousH[j] }
            }
            for i in 1..<m {
                let p = pattern[i]
                var gap = minimum  // best previous-row score reachable with a gap ending here
                currentH[0] = minimum
                currentChunk[0] = 0
                for j in 1..<width {
                    if j >= 2 {
                        let extended = gap + extendGap
                        let opened = previousH[j - 2] + openGap
                        gap = extended > opened ? extended : opened
                    }
                    guard folded[start + j] == p else {
                        currentH[j] = minimum
                        currentChunk[j] = 0
                        continue
                    }
                    let b = bonus[j]
                    let viaGap = gap > minimum ? gap + match + b : minimum
                    var viaDiagonal = minimum
                    var diagonalChunk: Int32 = 0
                    if previousH[j - 1] > minimum {
                        diagonalChunk = previousChunk[j - 1]
                        var bonusHere = max(b, diagonalChunk, consecutive)
                        // A new boundary inside a run starts a fresh chunk.
                        if b >= boundary && b > diagonalChunk {
                            bonusHere = b
                            diagonalChunk = b
                        }
                        viaDiagonal = previousH[j - 1] + match + bonusHere
                    }
                    if viaDiagonal >= viaGap && viaDiagonal > minimum {
                        currentH[j] = viaDiagonal
                        currentChunk[j] = diagonalChunk
                        if withPositions { diagonal[i * width + j] = true }
                    } else {
                        currentH[j] = viaGap
                        currentChunk[j] = b
                    }
                }
                if withPositions {
                    for j in 0..<width { table[i * width + j] = currentH[j] }
                }
                swap(&previousH, &currentH)
                swap(&previousChunk, &currentChunk)
            }
            var bestScore = minimum
            var bestJ = -1
            for j in 0..<width where previousH[j] > bestScore {
                bestScore = previousH[j]
                bestJ = j
            }
            return (bestScore, bestJ)
        }
        let bestJ = outcome.column
        guard bestJ >= 0, outcome.score > minimum else { return nil }
        guard withPositions else { return Result(score: Int(outcome.score), positions: []) }
        var positions = [Int](repeating: 0, count: m)
        var j = bestJ
        var i = m - 1
        while i >= 0 {
            positions[i] = start + j
            if i == 0 { break }
            if diagonal[i * width + j] {
                j -= 1
            } else {
                // The previous-row position this gap came from: the best-scoring k ≤ j-2.
                var bestK = -1
                var bestValue = Int.min
                for k in stride(from: j - 2, through: 0, by: -1) {
                    let value = table[(i - 1) * width + k]
                    if value <= minimum { continue }
                    let candidate = Int(value) + gapStart + gapExtension * (j - k - 2)
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
        return Result(score: Int(outcome.score), positions: positions)
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
        guard let base = folded.baseAddress else { return pattern.isEmpty ? 0 : nil }
        var index = 0
        let n = folded.count
        for byte in pattern {
            guard index < n, let found = memchr(base + index, Int32(byte), n - index) else { return nil }
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
        return index
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
    /// Five rows of `capacity` entries: bonus, two score rows, two chunk-bonus rows.
    var storage: [Int32] = []
    var capacity = 0

    package init() {}

    mutating func prepare(width: Int) {
        if self.capacity >= width { return }
        self.capacity = max(width, 256)
        self.storage = [Int32](repeating: 0, count: 5 * self.capacity)
    }
}
