import Diffing

extension ChangeReview {
    /// The hunks of file `index` as the review shows them: a file-level operation first (if any),
    /// then change blocks grouped with `context` lines around them. Blocks at most `2 × context`
    /// unchanged lines apart share a hunk unless a split separates them.
    package func hunks(inFile index: Int) -> [ReviewHunk] {
        guard self.changeset.files.indices.contains(index) else { return [] }
        let file = self.changeset.files[index]
        let decisions = self.files[index]
        let document = file.document
        var result: [ReviewHunk] = []
        if let operation = file.fileOperationDescription {
            let deleted =
                file.kind == .delete
                ? document.lines.enumerated().map { offset, line in
                    ReviewLine(
                        kind: .deletion, text: line.content, oldLine: offset, newLine: nil,
                        decision: decisions.operation,
                        highlights: [], reference: nil)
                } : []
            result.append(
                ReviewHunk(
                    id: ReviewHunk.ID(file: index, firstBlock: ReviewHunk.fileOperationBlock), blockIDs: [],
                    oldStart: 0,
                    oldCount: deleted.count, newStart: 0, newCount: 0, lines: deleted,
                    state: ReviewState([decisions.operation]), editHunks: [], operation: operation))
        }
        let blocks = decisions.blocks
        guard !blocks.isEmpty else { return result }
        // Where each block's first old line lands in the proposed file.
        var shifts: [Int] = []
        var shift = 0
        for block in blocks {
            shifts.append(shift)
            shift += block.newLines.count - block.oldRange.count
        }
        for group in self.groups(inFile: index) {
            result.append(self.hunk(file: index, blocks: blocks, group: group, shifts: shifts))
        }
        return result
    }

    /// The blocks of file `index` grouped into hunks (positions in its block list): blocks at
    /// most `2 × context` unchanged lines apart share a hunk unless a split separates them.
    func groups(inFile index: Int) -> [ClosedRange<Int>] {
        let decisions = self.files[index]
        let blocks = decisions.blocks
        var groups: [ClosedRange<Int>] = []
        var groupStart = 0
        while groupStart < blocks.count {
            var groupEnd = groupStart
            while groupEnd + 1 < blocks.count {
                let next = blocks[groupEnd + 1]
                let gap = next.oldRange.lowerBound - blocks[groupEnd].oldRange.upperBound
                if gap > 2 * self.context || decisions.splitBefore.contains(next.id) { break }
                groupEnd += 1
            }
            groups.append(groupStart...groupEnd)
            groupStart = groupEnd + 1
        }
        return groups
    }

    private func hunk(file index: Int, blocks: [ChangeBlock], group: ClosedRange<Int>, shifts: [Int]) -> ReviewHunk {
        let document = self.changeset.files[index].document
        let decisions = self.files[index]
        let first = blocks[group.lowerBound]
        let last = blocks[group.upperBound]
        let previousEnd = group.lowerBound > 0 ? blocks[group.lowerBound - 1].oldRange.upperBound : 0
        let nextStart =
            group.upperBound + 1 < blocks.count
            ? blocks[group.upperBound + 1].oldRange.lowerBound : document.lines.count
        let lower = max(first.oldRange.lowerBound - self.context, previousEnd)
        let upper = min(last.oldRange.upperBound + self.context, nextStart)
        var lines: [ReviewLine] = []
        var oldLine = lower
        let newStart = lower + shifts[group.lowerBound]
        var newLine = newStart
        func context(upTo end: Int) {
            while oldLine < end {
                lines.append(
                    ReviewLine(
                        kind: .context, text: document.lines[oldLine].content, oldLine: oldLine, newLine: newLine,
                        decision: nil, highlights: [], reference: nil))
                oldLine += 1
                newLine += 1
            }
        }
        var blockStates: [Decision] = []
        for position in group {
            let block = blocks[position]
            context(upTo: block.oldRange.lowerBound)
            let oldDecisions = decisions.old[block.id] ?? []
            let newDecisions = decisions.new[block.id] ?? []
            blockStates += oldDecisions + newDecisions
            let removed = block.oldRange.map { document.lines[$0].content }
            let added = block.newLines.map(\.content)
            let highlights =
                !removed.isEmpty && !added.isEmpty
                ? WordDiff.refine(old: removed, new: added)
                : (old: removed.map { _ in [Range<Int>]() }, new: added.map { _ in [Range<Int>]() })
            for (offset, text) in removed.enumerated() {
                lines.append(
                    ReviewLine(
                        kind: .deletion, text: text, oldLine: oldLine, newLine: nil,
                        decision: offset < oldDecisions.count ? oldDecisions[offset] : .pending,
                        highlights: highlights.old[offset],
                        reference: LineReference(file: index, block: block.id, side: .old, index: offset)))
                oldLine += 1
            }
            for (offset, text) in added.enumerated() {
                lines.append(
                    ReviewLine(
                        kind: .addition, text: text, oldLine: nil, newLine: newLine,
                        decision: offset < newDecisions.count ? newDecisions[offset] : .pending,
                        highlights: highlights.new[offset],
                        reference: LineReference(file: index, block: block.id, side: .new, index: offset)))
                newLine += 1
            }
        }
        context(upTo: upper)
        let ids = group.map { blocks[$0].id }
        let origins = Set(group.map { blocks[$0].origin }).sorted().map { $0 + 1 }
        return ReviewHunk(
            id: ReviewHunk.ID(file: index, firstBlock: first.id), blockIDs: ids, oldStart: lower,
            oldCount: upper - lower,
            newStart: newStart, newCount: newLine - newStart, lines: lines, state: ReviewState(blockStates),
            editHunks: origins, operation: nil)
    }

    /// `hunk` as unified-diff text; with `asDecided`, rejected removals show as context and
    /// rejected additions are left out (pending counts as accepted).
    package func text(of hunk: ReviewHunk, asDecided: Bool) -> String {
        var text = hunk.operation.map { "# \($0)\n" } ?? ""
        if hunk.operation == nil { text += hunk.header + "\n" }
        for line in hunk.lines {
            let content = String(decoding: line.text, as: UTF8.self)
            switch line.kind {
            case .context:
                text += " " + content + "\n"
            case .deletion:
                text += (asDecided && line.decision == .rejected ? " " : "-") + content + "\n"
            case .addition:
                if asDecided && line.decision == .rejected { continue }
                text += "+" + content + "\n"
            }
        }
        return text
    }
}
