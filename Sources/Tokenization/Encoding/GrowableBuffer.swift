/// A growable buffer of plain values with pointer access, for the encoder's hot loops (no
/// per-append uniqueness check or reference counting, unlike `Array`).
final class GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var storage: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` elements.
    init(capacity: Int = 16) {
        self.capacity = max(capacity, 16)
        self.storage = .allocate(capacity: self.capacity)
    }

    deinit { self.storage.deallocate() }

    /// Adds one element.
    @inline(__always)
    func append(_ element: Element) {
        if self.count == self.capacity { self.grow(self.count + 1) }
        self.storage[self.count] = element
        self.count += 1
    }

    /// Adds `count` elements from `source`.
    @inline(__always)
    func append(_ source: UnsafePointer<Element>, count: Int) {
        if self.count + count > self.capacity { self.grow(self.count + count) }
        (self.storage + self.count).update(from: source, count: count)
        self.count += count
    }

    /// Forgets the contents, keeping the memory.
    func removeAll() { self.count = 0 }

    private func grow(_ needed: Int) {
        let capacity = max(needed, self.capacity * 2)
        let storage = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        storage.update(from: self.storage, count: self.count)
        self.storage.deallocate()
        self.storage = storage
        self.capacity = capacity
    }
}

extension GrowableBuffer where Element == Int32 {
    /// The ids as an array of `Int`.
    func toIntArray() -> [Int] {
        [Int](unsafeUninitializedCapacity: self.count) { buffer, initialized in
            for index in 0..<self.count { buffer[index] = Int(self.storage[index]) }
            initialized = self.count
        }
    }
}
