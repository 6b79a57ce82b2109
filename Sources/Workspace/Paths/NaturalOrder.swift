/// Case-insensitive natural ordering of file names: `file2` before `file10`, `README` next to
/// `readme`.
///
/// Runs of ASCII digits compare by numeric value (leading zeros break ties), letters compare with
/// ASCII case folded, and fully equal names fall back to plain byte order so the order is total
/// and stable. Non-ASCII bytes compare by value.
package enum NaturalOrder {
    /// True when `lhs` sorts before `rhs`.
    package static func less(_ lhs: String, _ rhs: String) -> Bool {
        self.compare(lhs, rhs) < 0
    }

    /// Negative, zero or positive as `lhs` sorts before, equal to, or after `rhs`.
    ///
    /// - Complexity: O(n) in the shorter name.
    package static func compare(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in self.compare(bytes: left, right) }
        }
    }

    /// `compare` over raw UTF-8 bytes.
    package static func compare(bytes left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        var j = 0
        var tieBreak = 0
        while i < left.count && j < right.count {
            let a = left[i]
            let b = right[j]
            if isDigit(a) && isDigit(b) {
                // Skip leading zeros, remembering how many for the tie-break.
                var zerosA = 0
                var zerosB = 0
                while i < left.count && left[i] == UInt8(ascii: "0") { i += 1; zerosA += 1 }
                while j < right.count && right[j] == UInt8(ascii: "0") { j += 1; zerosB += 1 }
                var endA = i
                var endB = j
                while endA < left.count && isDigit(left[endA]) { endA += 1 }
                while endB < right.count && isDigit(right[endB]) { endB += 1 }
                let lengthA = endA - i
                let lengthB = endB - j
                if lengthA != lengthB { return lengthA < lengthB ? -1 : 1 }
                while i < endA {
                    if left[i] != right[j] { return left[i] < right[j] ? -1 : 1 }
                    i += 1
                    j += 1
                }
                if tieBreak == 0 && zerosA != zerosB { tieBreak = zerosA < zerosB ? -1 : 1 }
                continue
            }
            let foldedA = fold(a)
            let foldedB = fold(b)
            if foldedA != foldedB { return foldedA < foldedB ? -1 : 1 }
            if tieBreak == 0 && a != b { tieBreak = a < b ? -1 : 1 }
            i += 1
            j += 1
        }
        let restA = left.count - i
        let restB = right.count - j
        if restA != restB { return restA < restB ? -1 : 1 }
        return tieBreak
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    @inline(__always)
    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
