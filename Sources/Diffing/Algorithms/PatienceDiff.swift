/// Patience diff: anchor on lines that occur exactly once on each side, in order, then recurse.
///
/// After trimming the common prefix and suffix, the lines unique to both ranges are paired; the
/// longest increasing subsequence of those pairs (found by patience sorting) become anchors that
/// are kept equal, and the gaps between anchors are diffed recursively. A range with no unique
/// common line falls back to Myers. Described by Bram Cohen (bazaar) and used by `git diff
/// --patience`.
///
/// - Complexity: O(N log N) per level for the anchors, plus Myers on anchor-free gaps.
struct PatienceDiff {
    let input: DiffInput
    private var fallback: MyersDiff
    /// Scratch counts per line id: occurrences in the current old range and new range.
    private var oldCounts: [Int32]
    private var newCounts: [Int32]
    private var oldPosition: [Int32]
    private var newPosition: [Int32]

    init(input: DiffInput) {
        self.input = input
        self.fallback = MyersDiff(input: input, minimal: false)
        let size = input.idCount
        self.oldCounts = [Int32](repeating: 0, count: size)
        self.newCounts = [Int32](repeating: 0, count: size)
        self.oldPosition = [Int32](repeating: -1, count: size)
        self.newPosition = [Int32](repeating: -1, count: size)
    }

    /// Marks the changes between `old` and `new` (ranges of the input).
    mutating func run(_ marks: inout ChangeMarks, old: Range<Int>, new: Range<Int>) {
        guard let (old, new) = self.input.remainder(&marks, old: old, new: new) else { return }
        let anchors = self.anchors(old: old, new: new)
        if anchors.isEmpty {
            self.fallback.run(&marks, old: old, new: new)
            return
        }
        var oldStart = old.lowerBound
        var newStart = new.lowerBound
        for anchor in anchors {
            self.run(&marks, old: oldStart..<anchor.old, new: newStart..<anchor.new)
            oldStart = anchor.old + 1
            newStart = anchor.new + 1
        }
        self.run(&marks, old: oldStart..<old.upperBound, new: newStart..<new.upperBound)
    }

    /// The longest increasing run of (old, new) positions of lines unique on both sides.
    private mutating func anchors(old: Range<Int>, new: Range<Int>) -> [(old: Int, new: Int)] {
        for index in old {
            let id = Int(self.input.old[index])
            self.oldCounts[id] += 1
            self.oldPosition[id] = Int32(index)
        }
        for index in new {
            let id = Int(self.input.new[index])
            self.newCounts[id] += 1
            self.newPosition[id] = Int32(index)
        }
        // Pairs in old order; the new positions are what must increase.
        var pairs: [(old: Int, new: Int)] = []
        for index in old {
            let id = Int(self.input.old[index])
            if self.oldCounts[id] == 1 && self.newCounts[id] == 1 {
                pairs.append((index, Int(self.newPosition[id])))
            }
        }
        for index in old { self.oldCounts[Int(self.input.old[index])] = 0 }
        for index in new { self.newCounts[Int(self.input.new[index])] = 0 }
        if pairs.isEmpty { return [] }
        // Patience sorting: tops[i] is the pair ending the best run of length i + 1.
        var tops: [Int] = []
        var previous = [Int](repeating: -1, count: pairs.count)
        for (pairIndex, pair) in pairs.enumerated() {
            var low = 0
            var high = tops.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tops[middle]].new < pair.new { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[pairIndex] = tops[low - 1] }
            if low == tops.count { tops.append(pairIndex) } else { tops[low] = pairIndex }
        }
        var result: [(old: Int, new: Int)] = []
        var cursor = tops.last ?? -1
        while cursor >= 0 {
            result.append(pairs[cursor])
            cursor = previous[cursor]
        }
        return result.reversed()
    }
}
