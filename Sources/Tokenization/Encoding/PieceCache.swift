/// A cache from a piece's bytes to its BPE ids, kept for one `encode` call: source code repeats
/// the same identifiers and whitespace runs, so most pieces skip the merge loop. HF `tokenizers`
/// keeps a similar word cache; results are identical with or without it.
///
/// Open addressing over FNV-1a hashes; keys and ids live in two arenas.
final class PieceCache {
    /// Pieces longer than this are not cached (rare, and they would bloat the arenas).
    static let maximumPieceLength = 64
    /// The cache stops taking entries beyond this many.
    static let maximumEntries = 1 << 18

    private struct Entry {
        var hash: UInt64
        var keyStart: Int32
        var keyLength: Int32
        var idsStart: Int32
        var idsCount: Int32
    }

    private var slots: UnsafeMutablePointer<Int32>  // entry index or -1
    private var mask: Int
    private let entries = GrowableBuffer<Entry>(capacity: 1024)
    private let keys = GrowableBuffer<UInt8>(capacity: 8192)
    private let ids = GrowableBuffer<Int32>(capacity: 4096)

    init() {
        let size = 2048
        self.slots = .allocate(capacity: size)
        self.slots.initialize(repeating: -1, count: size)
        self.mask = size - 1
    }

    deinit { self.slots.deallocate() }

    /// The FNV-1a hash of a piece.
    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The cached ids of a piece, or nil.
    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64) -> UnsafeBufferPointer<Int32>? {
        var slot = Int(truncatingIfNeeded: hash) & self.mask
        while true {
            let index = self.slots[slot]
            if index < 0 { return nil }
            let entry = self.entries.storage[Int(index)]
            if entry.hash == hash && Int(entry.keyLength) == count
                && (self.keys.storage + Int(entry.keyStart)).elementsEqual(bytes, count: count)
            {
                return UnsafeBufferPointer(start: self.ids.storage + Int(entry.idsStart), count: Int(entry.idsCount))
            }
            slot = (slot + 1) & self.mask
        }
    }

    /// Remembers the ids of a piece (ignored once the cache is full).
    func insert(_ bytes: UnsafePointer<UInt8>, _ count: Int, hash: UInt64, ids: UnsafePointer<Int32>, idsCount: Int) {
        guard self.entries.count < Self.maximumEntries else { return }
        if (self.entries.count + 1) * 2 > self.mask + 1 { self.rehash() }
        let entry = Entry(
            hash: hash, keyStart: Int32(self.keys.count), keyLength: Int32(count),
            idsStart: Int32(self.ids.count), idsCount: Int32(idsCount))
        self.keys.append(bytes, count: count)
        self.ids.append(ids, count: idsCount)
        var slot = Int(truncatingIfNeeded: hash) & self.mask
        while self.slots[slot] >= 0 { slot = (slot + 1) & self.mask }
        self.slots[slot] = Int32(self.entries.count)
        self.entries.append(entry)
    }

    private func rehash() {
        let size = (self.mask + 1) * 2
        self.slots.deallocate()
        self.slots = .allocate(capacity: size)
        self.slots.initialize(repeating: -1, count: size)
        self.mask = size - 1
        for index in 0..<self.entries.count {
            var slot = Int(truncatingIfNeeded: self.entries.storage[index].hash) & self.mask
            while self.slots[slot] >= 0 { slot = (slot + 1) & self.mask }
            self.slots[slot] = Int32(index)
        }
    }
}

extension UnsafePointer where Pointee == UInt8 {
    /// True when the `count` bytes here equal those at `other`.
    @inline(__always)
    fileprivate func elementsEqual(_ other: UnsafePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count where self[index] != other[index] { return false }
        return true
    }
}

extension UnsafeMutablePointer where Pointee == UInt8 {
    @inline(__always)
    fileprivate func elementsEqual(_ other: UnsafePointer<UInt8>, count: Int) -> Bool {
        UnsafePointer(self).elementsEqual(other, count: count)
    }
}
