/// Histogram diff: anchor on the longest common region built around the rarest common line.
///
/// For each range pair, count how often every line occurs in the old range; scan the new range
/// for lines that also occur in the old one, grow each candidate match into the maximal common
/// region around it, and keep the region whose rarest line is rarest (longer wins ties). That
/// region stays equal and both sides of it are diffed recursively. Lines occurring more than
/// `maximumChain` times are never anchors; a range with no anchor falls back to Myers. The
/// approach of JGit's HistogramDiff, which git adopted as `--histogram`.
///
/// - Complexity: O(N + M) per level when anchors are rare, plus Myers on anchor-free ranges.
struct HistogramDiff {
    let input: DiffInput
    /// Lines occurring more often than this in a range are not considered as anchors.
    let maximumChain = 64
    private var fallback: MyersDiff
    /// Scratch per line id: the last occurrence in the old range (head of a chain through `next`).
    private var head: [Int32]
    private var count: [Int32]
    /// Per old position: the previous occurrence of the same line in the range, or -1.
    private var next: [Int32]

    init(input: DiffInput) {
        self.input = input
        self.fallback = MyersDiff(input: input, minimal: false)
        self.head = [Int32](repeating: -1, count: input.idCount)
        self.count = [Int32](repeating: 0, count: input.idCount)
        self.next = [Int32](repeating: -1, count: input.old.count)
    }

    /// Marks the changes between `old` and `new` (ranges of the input).
    mutating func run(_ marks: inout ChangeMarks, old: Range<Int>, new: Range<Int>) {
        guard let (old, new) = self.input.remainder(&marks, old: old, new: new) else { return }
        guard let region = self.bestRegion(old: old, new: new) else {
            self.fallback.run(&marks, old: old, new: new)
            return
        }
        self.run(&marks, old: old.lowerBound..<region.old.lowerBound, new: new.lowerBound..<region.new.lowerBound)
        self.run(&marks, old: region.old.upperBound..<old.upperBound, new: region.new.upperBound..<new.upperBound)
    }

    private mutating func bestRegion(old: Range<Int>, new: Range<Int>) -> (old: Range<Int>, new: Range<Int>)? {
        let a = self.input.old
        let b = self.input.new
        for index in old.reversed() {
            let id = Int(a[index])
            self.next[index] = self.head[id]
            self.head[id] = Int32(index)
            self.count[id] += 1
        }
        defer {
            for index in old {
                let id = Int(a[index])
                self.head[id] = -1
                self.count[id] = 0
            }
        }
        var best: (old: Range<Int>, new: Range<Int>, rarity: Int32)?
        var newIndex = new.lowerBound
        while newIndex < new.upperBound {
            let id = Int(b[newIndex])
            let occurrences = self.count[id]
            if occurrences == 0 || occurrences > Int32(self.maximumChain) {
                newIndex += 1
                continue
            }
            if let current = best, occurrences > current.rarity {
                newIndex += 1
                continue
            }
            var furthestNew = newIndex + 1
            var oldIndex = Int(self.head[id])
            while oldIndex >= 0 {
                // Grow the match at (oldIndex, newIndex) in both directions.
                var oldLower = oldIndex
                var newLower = newIndex
                var rarity = occurrences
                while oldLower > old.lowerBound && newLower > new.lowerBound && a[oldLower - 1] == b[newLower - 1] {
                    oldLower -= 1
                    newLower -= 1
                    let candidate = self.count[Int(a[oldLower])]
                    if candidate > 0 { rarity = min(rarity, candidate) }
                }
                var oldUpper = oldIndex + 1
                var newUpper = newIndex + 1
                while oldUpper < old.upperBound && newUpper < new.upperBound && a[oldUpper] == b[newUpper] {
                    let candidate = self.count[Int(a[oldUpper])]
                    if candidate > 0 { rarity = min(rarity, candidate) }
                    oldUpper += 1
                    newUpper += 1
                }
                furthestNew = max(furthestNew, newUpper)
                let length = oldUpper - oldLower
                let isBetter: Bool
                if let current = best {
                    isBetter = rarity < current.rarity || (rarity == current.rarity && length > current.old.count)
                } else {
                    isBetter = true
                }
                if isBetter { best = (oldLower..<oldUpper, newLower..<newUpper, rarity) }
                oldIndex = Int(self.next[oldIndex])
            }
            // Every line up to the end of the longest region found here was part of a match.
            newIndex = furthestNew
        }
        return best.map { ($0.old, $0.new) }
    }
}
