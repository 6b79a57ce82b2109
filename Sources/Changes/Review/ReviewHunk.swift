/// A reviewer's decision on a line, a hunk or a file-level operation.
package enum Decision: String, Hashable, Sendable, Codable {
    case pending, accepted, rejected
}

/// The combined state of several decisions (a hunk's lines, a file's hunks).
package enum ReviewState: String, Hashable, Sendable {
    /// Nothing decided yet.
    case pending
    /// Everything accepted.
    case accepted
    /// Everything rejected.
    case rejected
    /// A mix (including some decided and some pending).
    case partial

    /// The state of a collection of decisions (pending when empty).
    package init<Decisions: Sequence>(_ decisions: Decisions) where Decisions.Element == Decision {
        var seen = Set<Decision>()
        for decision in decisions { seen.insert(decision) }
        if seen.isEmpty || seen == [.pending] {
            self = .pending
        } else if seen == [.accepted] {
            self = .accepted
        } else if seen == [.rejected] {
            self = .rejected
        } else {
            self = .partial
        }
    }
}

/// A hunk as the review shows it: nearby change blocks with context around them.
package struct ReviewHunk: Hashable, Sendable, Identifiable {
    /// Identifies a hunk across regroupings: its file and its first block (or the file-level
    /// operation, `firstBlock == ReviewHunk.fileOperationBlock`).
    package struct ID: Hashable, Sendable {
        package var file: Int
        package var firstBlock: Int

        package init(file: Int, firstBlock: Int) {
            self.file = file
            self.firstBlock = firstBlock
        }
    }

    /// `firstBlock` of the pseudo-hunk holding a file-level operation (rename, mode, deletion, …).
    package static let fileOperationBlock = -1

    package var id: ID
    /// The change blocks shown (empty for a file-level operation).
    package var blockIDs: [Int]
    /// 0-based first old line shown and how many.
    package var oldStart: Int
    package var oldCount: Int
    /// 0-based first line in the proposed file (everything accepted) and how many.
    package var newStart: Int
    package var newCount: Int
    package var lines: [ReviewLine]
    package var state: ReviewState
    /// 1-based numbers of the edit's hunks this hunk shows.
    package var editHunks: [Int]
    /// For a file-level operation: what it does.
    package var operation: String?

    /// The `@@ -a,b +c,d @@` header.
    package var header: String {
        func side(_ start: Int, _ count: Int) -> String {
            let first = count == 0 ? start : start + 1
            return count == 1 ? "\(first)" : "\(first),\(count)"
        }
        return "@@ -\(side(self.oldStart, self.oldCount)) +\(side(self.newStart, self.newCount)) @@"
    }
}

/// One line of a review hunk.
package struct ReviewLine: Hashable, Sendable {
    /// Context, a line the change removes, or one it adds.
    package enum Kind: Hashable, Sendable {
        case context, deletion, addition
    }

    package var kind: Kind
    /// The line's bytes (UTF-8 for UTF-16 files), without its ending.
    package var text: [UInt8]
    /// 0-based line in the current file (context and deletions).
    package var oldLine: Int?
    /// 0-based line in the proposed file (context and additions).
    package var newLine: Int?
    /// The decision on a changed line; nil for context.
    package var decision: Decision?
    /// Word-level changes within the line (byte ranges of `text`).
    package var highlights: [Range<Int>]
    /// How to address this line for line-level decisions; nil for context.
    package var reference: LineReference?
}

/// Addresses one changed line for a line-level decision.
package struct LineReference: Hashable, Sendable {
    /// Which side of the block the line is on.
    package enum Side: Hashable, Sendable {
        /// A line of the current file that the block removes.
        case old
        /// A line the block adds.
        case new
    }

    package var file: Int
    package var block: Int
    package var side: Side
    /// 0-based within the block's removed or added lines.
    package var index: Int

    package init(file: Int, block: Int, side: Side, index: Int) {
        self.file = file
        self.block = block
        self.side = side
        self.index = index
    }
}
