/// Maps each distinct line to a small integer so diff algorithms compare integers, not bytes.
///
/// One interner is shared by both sides of a diff: equal lines on either side get the same id.
/// A last line without its `\n` never equals the same bytes with one (a diff must show that the
/// final newline changed). Ids are dense (`0 ..< distinctCount`), so algorithms can index arrays
/// by id instead of hashing.
///
/// An open-addressing table over a 64-bit FNV-1a hash, with each distinct line's bytes copied
/// once into an arena for comparison (the standard library's `Hasher` mixes one byte at a time
/// and made interning the slowest step of a large diff).
///
/// - Complexity: O(total bytes) expected.
package struct LineInterner: Sendable {
    /// The bytes of every distinct line, back to back.
    private var arena: [UInt8] = []
    /// Per id: where its bytes start in `arena` (`starts[id + 1]` is where they end).
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var terminated: [Bool] = []
    /// Slots holding an id, or -1; the count is a power of two.
    private var slots: [Int32] = [Int32](repeating: -1, count: 1024)

    package init() {}

    /// The number of distinct lines seen so far.
    package var distinctCount: Int { self.hashes.count }

    /// The id of `line` (terminated by `\n` unless `terminated` is false), assigning the next id
    /// when it is new.
    package mutating func intern(_ line: ArraySlice<UInt8>, terminated: Bool = true) -> Int32 {
        line.withUnsafeBufferPointer { self.intern(UnsafeRawBufferPointer($0), terminated: terminated) }
    }

    /// The ids of every line of `text`, in order.
    package mutating func intern(_ text: TextLines) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(text.count)
        text.bytes.withUnsafeBytes { bytes in
            for index in 0..<text.count {
                let range = text.contentRange(index)
                let line = UnsafeRawBufferPointer(rebasing: bytes[range])
                result.append(self.intern(line, terminated: text.hasNewline(index)))
            }
        }
        return result
    }

    private mutating func intern(_ line: UnsafeRawBufferPointer, terminated: Bool) -> Int32 {
        let hash = Self.hash(line) ^ (terminated ? 0 : 0x9E37_79B9_7F4A_7C15)
        let mask = self.slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = self.slots[slot]
            if id < 0 { break }
            if self.hashes[Int(id)] == hash && self.terminated[Int(id)] == terminated && self.equals(Int(id), line) {
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(self.hashes.count)
        self.slots[slot] = id
        self.hashes.append(hash)
        self.terminated.append(terminated)
        self.arena.append(contentsOf: line)
        self.starts.append(self.arena.count)
        if self.hashes.count * 2 > self.slots.count { self.grow() }
        return id
    }

    private func equals(_ id: Int, _ line: UnsafeRawBufferPointer) -> Bool {
        let start = self.starts[id]
        let end = self.starts[id + 1]
        guard end - start == line.count else { return false }
        return self.arena.withUnsafeBufferPointer { arena in
            line.elementsEqual(arena[start..<end])
        }
    }

    private mutating func grow() {
        var slots = [Int32](repeating: -1, count: self.slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in self.hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id)
        }
        self.slots = slots
    }

    /// 64-bit FNV-1a, finished with a multiply-xorshift so the low bits (the slot) mix well.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 32
        hash = hash &* 0xD6E8_FEB8_6659_FD93
        return hash ^ (hash >> 32)
    }
}
