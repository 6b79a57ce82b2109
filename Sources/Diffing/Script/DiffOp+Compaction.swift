extension Array where Element == DiffOp {
    /// Slides each pure insertion or deletion along runs of equal lines to its most readable
    /// position, merging it with a neighbouring change when it can reach one.
    ///
    /// A block of inserted lines `B` preceded by a line equal to its last line can move up one
    /// line without changing the result (and likewise down); the choice is cosmetic. Following git's
    /// `xdl_change_compact`, a block that can touch a neighbouring change joins it. Otherwise, with
    /// `shapes` for the side the block lives on, positions score by layout (ending on a blank line,
    /// starting after one, starting at the block's lowest indentation, not starting with a closing
    /// bracket); ties, and inputs without shapes, take the lowest position, as git does.
    ///
    /// - Complexity: O(N) for N ops plus the lengths of the slides.
    package func compacted(
        old: [Int32], new: [Int32], oldShapes: [LineShape]? = nil, newShapes: [LineShape]? = nil
    ) -> [DiffOp] {
        var ops = self
        var index = 0
        while index < ops.count {
            let op = ops[index]
            guard op.kind == .insert || op.kind == .delete else {
                index += 1
                continue
            }
            let isInsert = op.kind == .insert
            let sequence = isInsert ? new : old
            let shapes = isInsert ? newShapes : oldShapes
            let block = isInsert ? op.newRange : op.oldRange
            let before = index > 0 && ops[index - 1].kind == .equal ? ops[index - 1].oldRange.count : 0
            let after = index + 1 < ops.count && ops[index + 1].kind == .equal ? ops[index + 1].oldRange.count : 0
            var up = 0
            while up < before && sequence[block.lowerBound - 1 - up] == sequence[block.upperBound - 1 - up] { up += 1 }
            var down = 0
            while down < after && sequence[block.lowerBound + down] == sequence[block.upperBound + down] { down += 1 }
            if up == 0 && down == 0 {
                index += 1
                continue
            }
            let canMergeDown = down == after && index + 2 < ops.count
            let canMergeUp = up == before && index >= 2
            let shift: Int
            if canMergeDown {
                shift = down
            } else if canMergeUp {
                shift = -up
            } else if let shapes {
                var bestShift = down
                var bestScore = Int.min
                for candidate in stride(from: down, through: -up, by: -1) {
                    let score = Self.layoutScore(
                        block: (block.lowerBound + candidate)..<(block.upperBound + candidate), shapes: shapes)
                    if score > bestScore {
                        bestScore = score
                        bestShift = candidate
                    }
                }
                shift = bestShift
            } else {
                shift = down
            }
            if shift == 0 {
                index += 1
                continue
            }
            ops[index].oldRange = ops[index].oldRange.shifted(by: shift)
            ops[index].newRange = ops[index].newRange.shifted(by: shift)
            if index > 0 && ops[index - 1].kind == .equal {
                ops[index - 1].oldRange =
                    ops[index - 1].oldRange.lowerBound..<(ops[index - 1].oldRange.upperBound + shift)
                ops[index - 1].newRange =
                    ops[index - 1].newRange.lowerBound..<(ops[index - 1].newRange.upperBound + shift)
            }
            if index + 1 < ops.count && ops[index + 1].kind == .equal {
                ops[index + 1].oldRange =
                    (ops[index + 1].oldRange.lowerBound + shift)..<ops[index + 1].oldRange.upperBound
                ops[index + 1].newRange =
                    (ops[index + 1].newRange.lowerBound + shift)..<ops[index + 1].newRange.upperBound
            }
            // Drop an emptied equal op and fuse the changes it separated.
            if index + 1 < ops.count && ops[index + 1].kind == .equal && ops[index + 1].oldRange.isEmpty {
                ops.remove(at: index + 1)
                if index + 1 < ops.count && ops[index + 1].isChange {
                    ops[index] = .change(
                        old: ops[index].oldRange.lowerBound..<ops[index + 1].oldRange.upperBound,
                        new: ops[index].newRange.lowerBound..<ops[index + 1].newRange.upperBound)
                    ops.remove(at: index + 1)
                }
            }
            if index > 0 && ops[index - 1].kind == .equal && ops[index - 1].oldRange.isEmpty {
                ops.remove(at: index - 1)
                index -= 1
                if index > 0 && ops[index - 1].isChange {
                    ops[index - 1] = .change(
                        old: ops[index - 1].oldRange.lowerBound..<ops[index].oldRange.upperBound,
                        new: ops[index - 1].newRange.lowerBound..<ops[index].newRange.upperBound)
                    ops.remove(at: index)
                    index -= 1
                }
            }
            index += 1
        }
        return ops
    }

    /// How readable a block of changed lines at `block` looks: higher is better.
    private static func layoutScore(block: Range<Int>, shapes: [LineShape]) -> Int {
        var score = 0
        let first = shapes[block.lowerBound]
        let last = shapes[block.upperBound - 1]
        if last.isBlank { score += 2 }
        if block.lowerBound == 0 || shapes[block.lowerBound - 1].isBlank { score += 1 }
        if !first.isBlank {
            let lowest = block.lazy.map { shapes[$0] }.filter { !$0.isBlank }.map(\.indent).min() ?? 0
            if first.indent == lowest { score += 1 }
        }
        if first.startsWithCloser { score -= 1 }
        return score
    }
}

extension Range where Bound == Int {
    fileprivate func shifted(by amount: Int) -> Range<Int> {
        (self.lowerBound + amount)..<(self.upperBound + amount)
    }
}
