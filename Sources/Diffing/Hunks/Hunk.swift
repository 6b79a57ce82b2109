/// A group of nearby changes with the unchanged lines around them, as a unified diff shows it.
///
/// Index-based: `ops` are the equal (context) and change ops in order, tiling exactly
/// `oldRange` and `newRange`. Text appears only when the hunk is formatted.
package struct Hunk: Hashable, Sendable {
    /// The old lines the hunk covers, context included.
    package var oldRange: Range<Int>
    /// The new lines the hunk covers, context included.
    package var newRange: Range<Int>
    /// Context and change ops, in order.
    package var ops: [DiffOp]

    package init(oldRange: Range<Int>, newRange: Range<Int>, ops: [DiffOp]) {
        self.oldRange = oldRange
        self.newRange = newRange
        self.ops = ops
    }

    /// The change ops only.
    package var changes: [DiffOp] { self.ops.filter(\.isChange) }

    /// The `@@ -a,b +c,d @@` numbers: 1-based starts, where an empty side names the line before.
    package var header: (oldStart: Int, oldCount: Int, newStart: Int, newCount: Int) {
        (
            self.oldRange.isEmpty ? self.oldRange.lowerBound : self.oldRange.lowerBound + 1, self.oldRange.count,
            self.newRange.isEmpty ? self.newRange.lowerBound : self.newRange.lowerBound + 1, self.newRange.count
        )
    }
}

extension Array where Element == DiffOp {
    /// Groups change ops into hunks with `context` unchanged lines around each change; two
    /// changes separated by at most `2 × context` unchanged lines share a hunk (so no line is
    /// shown twice and no gap is hidden that is shorter than the context it would save).
    ///
    /// - Precondition: `context >= 0`.
    /// - Complexity: O(N) for N ops.
    package func hunks(context: Int) -> [Hunk] {
        precondition(context >= 0, "context must not be negative")
        let changes = self.indices.filter { self[$0].isChange }
        var result: [Hunk] = []
        var first = 0
        while first < changes.count {
            var last = first
            while last + 1 < changes.count {
                let gap = self[(changes[last] + 1)..<changes[last + 1]].reduce(0) { $0 + $1.oldRange.count }
                if gap > 2 * context { break }
                last += 1
            }
            var ops: [DiffOp] = []
            let startIndex = changes[first]
            let endIndex = changes[last]
            if context > 0 && startIndex > 0 && self[startIndex - 1].kind == .equal {
                let before = self[startIndex - 1]
                ops.append(before.suffix(Swift.min(context, before.oldRange.count)))
            }
            ops.append(contentsOf: self[startIndex...endIndex])
            if context > 0 && endIndex + 1 < self.count && self[endIndex + 1].kind == .equal {
                let after = self[endIndex + 1]
                ops.append(after.prefix(Swift.min(context, after.oldRange.count)))
            }
            result.append(Hunk(ops: ops))
            first = last + 1
        }
        return result
    }
}

extension Hunk {
    /// A hunk spanning `ops`, which must be contiguous.
    init(ops: [DiffOp]) {
        let first = ops.first ?? DiffOp(.equal, old: 0..<0, new: 0..<0)
        let last = ops.last ?? first
        self.init(
            oldRange: first.oldRange.lowerBound..<last.oldRange.upperBound,
            newRange: first.newRange.lowerBound..<last.newRange.upperBound,
            ops: ops)
    }
}

extension DiffOp {
    /// The first `count` elements of an equal op.
    fileprivate func prefix(_ count: Int) -> DiffOp {
        DiffOp(
            .equal, old: self.oldRange.lowerBound..<(self.oldRange.lowerBound + count),
            new: self.newRange.lowerBound..<(self.newRange.lowerBound + count))
    }

    /// The last `count` elements of an equal op.
    fileprivate func suffix(_ count: Int) -> DiffOp {
        DiffOp(
            .equal, old: (self.oldRange.upperBound - count)..<self.oldRange.upperBound,
            new: (self.newRange.upperBound - count)..<self.newRange.upperBound)
    }
}
