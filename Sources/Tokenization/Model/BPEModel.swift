/// Byte-level BPE: turns one pre-tokenized piece (bytes) into token ids by applying merge rules.
///
/// Every byte starts as its own symbol (the vocabulary entry spelling that byte); then the
/// adjacent pair with the lowest-ranked merge rule is joined, repeatedly, until no adjacent pair
/// has a rule. Candidates live in a binary min-heap keyed by (rank, left position), so among pairs
/// with equal rank — the same rule occurring several times — the leftmost is merged first; a
/// popped candidate whose symbols changed since it was pushed is skipped. This is the algorithm
/// and tie-break of HF `tokenizers` (`models/bpe/word.rs`, `Word::merge_all` without dropout).
/// A byte with no vocabulary entry becomes the unknown token when the model names one and is
/// dropped otherwise, as in HF.
struct BPEModel: Sendable {
    /// The token id of each single byte, or -1 when the vocabulary lacks it (`[256]`).
    let byteTokens: [Int32]
    /// Merge rules by the pair of ids they join.
    let merges: PairRankTable

    /// Calls `body` with a pointer view of the model, valid for the duration of the call.
    func withView<Result>(_ body: (View) -> Result) -> Result {
        self.byteTokens.withUnsafeBufferPointer { byteTokens in
            self.merges.withView { merges in
                body(View(byteTokens: byteTokens.baseAddress!, merges: merges))  // safe: 256 entries
            }
        }
    }

    /// The model's tables as pointers, valid inside `withView`.
    struct View {
        let byteTokens: UnsafePointer<Int32>
        let merges: PairRankTable.View

        /// Appends the ids of one piece to `output`, using `scratch` for the symbols and the heap.
        ///
        /// - Complexity: O(n log n) for an n-byte piece.
        @inline(__always)
        func encode(_ bytes: UnsafePointer<UInt8>, count byteCount: Int, scratch: BPEScratch, into output: GrowableBuffer<Int32>) {
            scratch.reserve(byteCount)
            let symbols = scratch.symbols
            let previous = scratch.previous
            let next = scratch.next
            var count = 0
            for index in 0..<byteCount {
                let id = self.byteTokens[Int(bytes[index])]
                if id >= 0 {
                    symbols[count] = id
                    count += 1
                }
            }
            if count == 0 { return }
            if count == 1 {
                output.append(symbols[0])
                return
            }
            var heap = MinHeap(storage: scratch.heap)
            for index in 0..<count {
                previous[index] = Int32(index - 1)
                next[index] = index + 1 < count ? Int32(index + 1) : -1
            }
            for index in 0..<(count - 1) {
                if let rule = self.merges.lookup(symbols[index], symbols[index + 1]) {
                    heap.push((rule & 0xFFFF_FFFF_0000_0000) | UInt64(index))
                }
            }
            while let candidate = heap.pop() {
                let left = Int(candidate & 0xFFFF_FFFF)
                let leftSymbol = symbols[left]
                let right = Int(next[left])
                guard leftSymbol >= 0, right >= 0 else { continue }
                guard let rule = self.merges.lookup(leftSymbol, symbols[right]), rule >> 32 == candidate >> 32 else {
                    continue
                }
                let merged = Int32(truncatingIfNeeded: rule & 0xFFFF_FFFF)
                symbols[left] = merged
                symbols[right] = -1
                let afterRight = next[right]
                next[left] = afterRight
                if afterRight >= 0 { previous[Int(afterRight)] = Int32(left) }
                let before = previous[left]
                if before >= 0, let rule = self.merges.lookup(symbols[Int(before)], merged) {
                    heap.push((rule & 0xFFFF_FFFF_0000_0000) | UInt64(before))
                }
                if afterRight >= 0, let rule = self.merges.lookup(merged, symbols[Int(afterRight)]) {
                    heap.push((rule & 0xFFFF_FFFF_0000_0000) | UInt64(left))
                }
            }
            var index: Int32 = 0
            while index >= 0 {
                output.append(symbols[Int(index)])
                index = next[Int(index)]
            }
        }
    }

    /// A binary min-heap of `rank << 32 | position` over caller-provided storage.
    private struct MinHeap {
        let storage: UnsafeMutablePointer<UInt64>
        var count = 0

        @inline(__always)
        mutating func push(_ value: UInt64) {
            var child = self.count
            self.count += 1
            while child > 0 {
                let parent = (child - 1) >> 1
                if self.storage[parent] <= value { break }
                self.storage[child] = self.storage[parent]
                child = parent
            }
            self.storage[child] = value
        }

        @inline(__always)
        mutating func pop() -> UInt64? {
            guard self.count > 0 else { return nil }
            self.count -= 1
            let top = self.storage[0]
            if self.count == 0 { return top }
            let last = self.storage[self.count]
            var parent = 0
            while true {
                var child = 2 * parent + 1
                if child >= self.count { break }
                if child + 1 < self.count && self.storage[child + 1] < self.storage[child] { child += 1 }
                if self.storage[child] >= last { break }
                self.storage[parent] = self.storage[child]
                parent = child
            }
            self.storage[parent] = last
            return top
        }
    }
}

/// Scratch buffers for `BPEModel.View.encode`, grown to the longest piece seen.
final class BPEScratch {
    private(set) var symbols: UnsafeMutablePointer<Int32>
    private(set) var previous: UnsafeMutablePointer<Int32>
    private(set) var next: UnsafeMutablePointer<Int32>
    /// At most 2n pushes happen for an n-symbol piece (n − 1 initial, at most 2 per merge, and
    /// there are at most n − 1 merges): room for 3n entries.
    private(set) var heap: UnsafeMutablePointer<UInt64>
    private var capacity = 0

    init() {
        self.symbols = .allocate(capacity: 1)
        self.previous = .allocate(capacity: 1)
        self.next = .allocate(capacity: 1)
        self.heap = .allocate(capacity: 1)
    }

    deinit {
        self.symbols.deallocate()
        self.previous.deallocate()
        self.next.deallocate()
        self.heap.deallocate()
    }

    /// Makes room for a piece of `count` bytes.
    @inline(__always)
    func reserve(_ count: Int) {
        if count > self.capacity { self.grow(count) }
    }

    private func grow(_ count: Int) {
        let capacity = max(count, self.capacity * 2, 64)
        self.symbols.deallocate()
        self.previous.deallocate()
        self.next.deallocate()
        self.heap.deallocate()
        self.symbols = .allocate(capacity: capacity)
        self.previous = .allocate(capacity: capacity)
        self.next = .allocate(capacity: capacity)
        self.heap = .allocate(capacity: 3 * capacity)
        self.capacity = capacity
    }
}
