/// One step of an edit script between an old and a new sequence: positions only, never text.
///
/// `equal` spans the same number of elements on both sides; `delete` has an empty `newRange`
/// (positioned where the deleted elements would have been); `insert` has an empty `oldRange`;
/// `replace` has both non-empty. Consecutive ops tile both sequences without gaps.
package struct DiffOp: Hashable, Sendable, CustomStringConvertible {
    /// What the op does.
    package enum Kind: Hashable, Sendable {
        case equal, delete, insert, replace
    }

    package var kind: Kind
    /// Elements of the old sequence this op covers.
    package var oldRange: Range<Int>
    /// Elements of the new sequence this op covers.
    package var newRange: Range<Int>

    package init(_ kind: Kind, old oldRange: Range<Int>, new newRange: Range<Int>) {
        self.kind = kind
        self.oldRange = oldRange
        self.newRange = newRange
    }

    /// An op for a change covering `oldRange` and `newRange`; the kind follows from which is empty.
    package static func change(old oldRange: Range<Int>, new newRange: Range<Int>) -> DiffOp {
        let kind: Kind =
            oldRange.isEmpty ? .insert : newRange.isEmpty ? .delete : .replace
        return DiffOp(kind, old: oldRange, new: newRange)
    }

    /// True for every kind but `equal`.
    package var isChange: Bool { self.kind != .equal }

    package var description: String {
        "\(self.kind)(old: \(self.oldRange.lowerBound)..<\(self.oldRange.upperBound), new: \(self.newRange.lowerBound)..<\(self.newRange.upperBound))"
    }
}

extension Array where Element == DiffOp {
    /// Builds ops from per-element change marks, as every algorithm here produces them.
    ///
    /// `oldChanged[i]` is true when old element `i` is deleted, `newChanged[j]` when new element
    /// `j` is inserted; unmarked elements pair up in order as equal.
    package init(oldChanged: [Bool], newChanged: [Bool]) {
        self.init()
        var i = 0
        var j = 0
        let oldCount = oldChanged.count
        let newCount = newChanged.count
        while i < oldCount || j < newCount {
            let equalStartOld = i
            let equalStartNew = j
            while i < oldCount && j < newCount && !oldChanged[i] && !newChanged[j] {
                i += 1
                j += 1
            }
            if i > equalStartOld {
                self.append(DiffOp(.equal, old: equalStartOld..<i, new: equalStartNew..<j))
            }
            let changeStartOld = i
            let changeStartNew = j
            while i < oldCount && oldChanged[i] { i += 1 }
            while j < newCount && newChanged[j] { j += 1 }
            if i > changeStartOld || j > changeStartNew {
                self.append(.change(old: changeStartOld..<i, new: changeStartNew..<j))
            } else if i < oldCount || j < newCount {
                // Unmarked elements left on one side only: the marks are inconsistent. Treat the
                // remainder as changed rather than loop forever.
                self.append(.change(old: i..<oldCount, new: j..<newCount))
                i = oldCount
                j = newCount
            }
        }
    }
}
