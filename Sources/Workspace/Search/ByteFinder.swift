#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a byte string in a buffer: `memchr` on the needle's rarest byte (by a fixed table of
/// how common bytes are in source code), then a `memcmp` to confirm — the trick fast grep
/// tools use to skip most of the haystack at memory speed.
package struct ByteFinder: Sendable {
    /// The bytes searched for.
    package let needle: [UInt8]
    private let rareIndex: Int

    /// A finder for `needle` (must not be empty).
    package init(_ needle: [UInt8]) {
        self.needle = needle
        var best = 0
        var bestRank = Int.max
        for (index, byte) in needle.enumerated() {
            let rank = Self.commonness(byte)
            if rank < bestRank {
                bestRank = rank
                best = index
            }
        }
        self.rareIndex = best
    }

    /// The start of the first occurrence at or after `from`, or nil.
    package func firstIndex(in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let count = haystack.count
        let length = self.needle.count
        guard length > 0, let base = haystack.baseAddress, from + length <= count else { return nil }
        let rare = self.needle[self.rareIndex]
        var position = from + self.rareIndex
        let lastStart = count - length
        return self.needle.withUnsafeBufferPointer { needle -> Int? in
            guard let needleBase = needle.baseAddress else { return nil }
            while position < count {
                guard let found = memchr(base + position, Int32(rare), count - position) else { return nil }
                let hit = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let start = hit - self.rareIndex
                if start > lastStart { return nil }
                if memcmp(base + start, needleBase, length) == 0 { return start }
                position = hit + 1
            }
            return nil
        }
    }

    /// A rough rank of how often `byte` appears in source text (higher is more common).
    private static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "): 100
        case UInt8(ascii: "e"): 90
        case UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"), UInt8(ascii: "i"), UInt8(ascii: "n"): 80
        case UInt8(ascii: "s"), UInt8(ascii: "r"), UInt8(ascii: "l"), UInt8(ascii: "c"), UInt8(ascii: "d"): 70
        case UInt8(ascii: "\n"), UInt8(ascii: "u"), UInt8(ascii: "p"), UInt8(ascii: "m"), UInt8(ascii: "h"): 60
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "."), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "="): 55
        case UInt8(ascii: "f"), UInt8(ascii: "g"), UInt8(ascii: "b"), UInt8(ascii: "y"), UInt8(ascii: "_"), UInt8(ascii: "\""): 50
        case UInt8(ascii: "a")...UInt8(ascii: "z"): 40
        case UInt8(ascii: "0")...UInt8(ascii: "9"): 35
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): 30
        case 0x80...: 10
        default: 20
        }
    }
}
