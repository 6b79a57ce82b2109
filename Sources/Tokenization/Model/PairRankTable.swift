/// An open-addressing hash table from a pair of token ids to the merge rule that joins them: its
/// rank (the rule's index in `merges`, lower merges first) and the id of the joined token.
///
/// Keys pack the pair into 64 bits and hash with one multiplication (Fibonacci hashing); slots
/// hold key and value side by side. This is the lookup on the BPE hot path, several times per
/// input byte, so `withView` hands out a pointer view for the duration of an encode call.
struct PairRankTable: Sendable {
    /// Interleaved slots: key at `2 * slot`, value (`rank << 32 | merged`) at `2 * slot + 1`.
    private var slots: [UInt64]
    private let shift: UInt64
    private let mask: Int
    private(set) var count = 0

    static let empty = UInt64.max

    /// A table sized for `capacity` rules at a load factor of at most one half.
    init(capacity: Int) {
        var size = 16
        var bits: UInt64 = 4
        while size < capacity * 2 {
            size <<= 1
            bits += 1
        }
        self.slots = [UInt64](repeating: 0, count: size * 2)
        for slot in 0..<size { self.slots[2 * slot] = Self.empty }
        self.shift = 64 - bits
        self.mask = size - 1
    }

    @inline(__always)
    static func key(_ left: Int32, _ right: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: left)) << 32) | UInt64(UInt32(bitPattern: right))
    }

    /// Sets the rule for (`left`, `right`), replacing an earlier one (HF keeps the last duplicate).
    mutating func insert(left: Int32, right: Int32, rank: Int32, merged: Int32) {
        let key = Self.key(left, right)
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> self.shift)
        while self.slots[2 * slot] != Self.empty && self.slots[2 * slot] != key { slot = (slot + 1) & self.mask }
        if self.slots[2 * slot] == Self.empty { self.count += 1 }
        self.slots[2 * slot] = key
        self.slots[2 * slot + 1] = (UInt64(UInt32(bitPattern: rank)) << 32) | UInt64(UInt32(bitPattern: merged))
    }

    /// Calls `body` with a read-only pointer view of the table.
    func withView<Result>(_ body: (View) -> Result) -> Result {
        self.slots.withUnsafeBufferPointer { buffer in
            body(View(slots: buffer.baseAddress!, shift: self.shift, mask: self.mask))  // safe: never empty
        }
    }

    /// A pointer view of the table, valid inside `withView`.
    struct View {
        let slots: UnsafePointer<UInt64>
        let shift: UInt64
        let mask: Int

        /// The rule for (`left`, `right`) packed as `rank << 32 | merged`, or nil.
        @inline(__always)
        func lookup(_ left: Int32, _ right: Int32) -> UInt64? {
            let key = PairRankTable.key(left, right)
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> self.shift)
            while true {
                let found = self.slots[2 * slot]
                if found == key { return self.slots[2 * slot + 1] }
                if found == PairRankTable.empty { return nil }
                slot = (slot + 1) & self.mask
            }
        }
    }
}
