/// Which algorithm computes a line diff.
///
/// - `myers`: the minimal edit script (Myers 1986), linear space, with a cost limit that trades
///   minimality for speed on pathological inputs. The default, as in git.
/// - `patience`: anchors on lines that occur exactly once on each side (Bram Cohen's patience
///   diff), falling back to Myers between anchors. Reads better when blocks move or braces repeat.
/// - `histogram`: anchors on the rarest common lines (JGit's histogram diff, as in git), falling
///   back to Myers where no line occurs fewer than 64 times. Usually as readable as patience and
///   faster.
package enum DiffAlgorithm: String, Sendable, CaseIterable {
    case myers, patience, histogram

    /// Marks every deleted element of `old` and inserted element of `new` (ids from a shared
    /// `LineInterner`); unmarked elements form a longest common subsequence (or, for patience and
    /// histogram, a readable common subsequence).
    ///
    /// - Parameter minimal: disables Myers' cost limit, always producing a minimal script.
    package func changeMarks(old: [Int32], new: [Int32], minimal: Bool = false) -> (old: [Bool], new: [Bool]) {
        var marks = ChangeMarks(oldCount: old.count, newCount: new.count)
        old.withUnsafeBufferPointer { oldBuffer in
            new.withUnsafeBufferPointer { newBuffer in
                let input = DiffInput(old: oldBuffer, new: newBuffer)
                switch self {
                case .myers:
                    var myers = MyersDiff(input: input, minimal: minimal)
                    myers.run(&marks, old: 0..<old.count, new: 0..<new.count)
                case .patience:
                    var patience = PatienceDiff(input: input)
                    patience.run(&marks, old: 0..<old.count, new: 0..<new.count)
                case .histogram:
                    var histogram = HistogramDiff(input: input)
                    histogram.run(&marks, old: 0..<old.count, new: 0..<new.count)
                }
            }
        }
        return (marks.old, marks.new)
    }

    /// The ops turning `old` into `new`, compacted for readability (see `DiffOp.compacted`).
    package func ops(old: [Int32], new: [Int32], minimal: Bool = false) -> [DiffOp] {
        let marks = self.changeMarks(old: old, new: new, minimal: minimal)
        return [DiffOp](oldChanged: marks.old, newChanged: marks.new).compacted(old: old, new: new)
    }
}

/// Both sequences an algorithm reads, as buffers valid for the duration of one diff.
struct DiffInput {
    let old: UnsafeBufferPointer<Int32>
    let new: UnsafeBufferPointer<Int32>
}

/// Per-element change marks, the output every algorithm writes.
struct ChangeMarks {
    var old: [Bool]
    var new: [Bool]

    init(oldCount: Int, newCount: Int) {
        self.old = [Bool](repeating: false, count: oldCount)
        self.new = [Bool](repeating: false, count: newCount)
    }

    /// Marks all of `old` deleted and all of `new` inserted.
    mutating func markAll(old: Range<Int>, new: Range<Int>) {
        for index in old { self.old[index] = true }
        for index in new { self.new[index] = true }
    }
}

extension DiffInput {
    /// One more than the largest line id on either side (the size of an array indexed by id).
    var idCount: Int {
        var largest: Int32 = -1
        for id in self.old { largest = max(largest, id) }
        for id in self.new { largest = max(largest, id) }
        return Int(largest) + 1
    }

    /// The ranges left after trimming their common prefix and suffix; nil, with the rest marked
    /// changed, when one side is empty (nothing left for an algorithm to decide).
    func remainder(_ marks: inout ChangeMarks, old: Range<Int>, new: Range<Int>) -> (old: Range<Int>, new: Range<Int>)? {
        var old = old
        var new = new
        self.trimCommon(old: &old, new: &new)
        if old.isEmpty || new.isEmpty {
            marks.markAll(old: old, new: new)
            return nil
        }
        return (old, new)
    }

    /// Shrinks both ranges past their common prefix and suffix.
    func trimCommon(old: inout Range<Int>, new: inout Range<Int>) {
        var oldLower = old.lowerBound
        var newLower = new.lowerBound
        while oldLower < old.upperBound && newLower < new.upperBound && self.old[oldLower] == self.new[newLower] {
            oldLower += 1
            newLower += 1
        }
        var oldUpper = old.upperBound
        var newUpper = new.upperBound
        while oldUpper > oldLower && newUpper > newLower && self.old[oldUpper - 1] == self.new[newUpper - 1] {
            oldUpper -= 1
            newUpper -= 1
        }
        old = oldLower..<oldUpper
        new = newLower..<newUpper
    }
}
