/// One hunk of a unified diff, with its text: the `@@` numbers and the lines below them.
package struct PatchHunk: Hashable, Sendable {
    /// 1-based first old line (the line before, for an empty old side).
    package var oldStart: Int
    package var oldCount: Int
    /// 1-based first new line (the line before, for an empty new side).
    package var newStart: Int
    package var newCount: Int
    /// Everything after the closing `@@`, byte for byte (usually a space and a function heading).
    package var heading: [UInt8]
    /// False for a bare `@@ @@` (or `@@`) as models write it: the position is unknown.
    package var hasLineNumbers: Bool
    package var lines: [PatchLine]
    /// The 1-based line of the `@@` header in the text it was parsed from.
    package var sourceLine: Int?

    package init(
        oldStart: Int, oldCount: Int, newStart: Int, newCount: Int, heading: [UInt8] = [], hasLineNumbers: Bool = true,
        lines: [PatchLine], sourceLine: Int? = nil
    ) {
        self.oldStart = oldStart
        self.oldCount = oldCount
        self.newStart = newStart
        self.newCount = newCount
        self.heading = heading
        self.hasLineNumbers = hasLineNumbers
        self.lines = lines
        self.sourceLine = sourceLine
    }

    /// A hunk with numbers computed from its lines, placed at 0-based old line `oldIndex` and new
    /// line `newIndex`.
    package init(oldIndex: Int, newIndex: Int, heading: [UInt8] = [], lines: [PatchLine]) {
        let oldCount = lines.count { $0.kind != .addition }
        let newCount = lines.count { $0.kind != .deletion }
        self.init(
            oldStart: oldCount == 0 ? oldIndex : oldIndex + 1, oldCount: oldCount,
            newStart: newCount == 0 ? newIndex : newIndex + 1, newCount: newCount, heading: heading, lines: lines)
    }

    /// The lines the hunk expects to find: context and deletions.
    package var oldLines: [PatchLine] { self.lines.filter { $0.kind != .addition } }
    /// The lines the hunk leaves: context and additions.
    package var newLines: [PatchLine] { self.lines.filter { $0.kind != .deletion } }

    /// The 0-based index of the first old line the hunk covers (where an empty old side inserts).
    package var oldIndex: Int { self.oldCount == 0 ? self.oldStart : max(0, self.oldStart - 1) }
    /// The 0-based index of the first new line the hunk covers.
    package var newIndex: Int { self.newCount == 0 ? self.newStart : max(0, self.newStart - 1) }

    /// The `@@ -a,b +c,d @@` line without its heading, as git writes it (`,1` omitted).
    package var headerText: String {
        func side(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
        return "@@ -\(side(self.oldStart, self.oldCount)) +\(side(self.newStart, self.newCount)) @@"
    }

    /// Sets the counts from the lines (after editing them).
    package mutating func recount() {
        self.oldCount = self.lines.count { $0.kind != .addition }
        self.newCount = self.lines.count { $0.kind != .deletion }
    }
}

/// One line of a hunk: its kind and its bytes (without `\n`; a `\r` is kept).
package struct PatchLine: Hashable, Sendable {
    /// ` `, `-` or `+`.
    package enum Kind: Hashable, Sendable {
        case context, deletion, addition

        /// The prefix character in a unified diff.
        package var marker: UInt8 {
            switch self {
            case .context: 0x20
            case .deletion: UInt8(ascii: "-")
            case .addition: UInt8(ascii: "+")
            }
        }
    }

    package var kind: Kind
    package var text: [UInt8]
    /// False when the diff marks this line `\ No newline at end of file`.
    package var hasNewline: Bool

    package init(_ kind: Kind, _ text: [UInt8], hasNewline: Bool = true) {
        self.kind = kind
        self.text = text
        self.hasNewline = hasNewline
    }

    package init(_ kind: Kind, _ text: String, hasNewline: Bool = true) {
        self.init(kind, Array(text.utf8), hasNewline: hasNewline)
    }
}
