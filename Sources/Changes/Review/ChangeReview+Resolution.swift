extension ChangeReview {
    /// What one file becomes once the decisions are applied.
    package struct ResolvedFile: Hashable, Sendable {
        /// Where the file is now (the base that must still be on disk).
        package var sourcePath: String
        /// Where it ends up.
        package var path: String
        package var base: FileBase
        /// The new bytes; nil when the file is deleted.
        package var content: [UInt8]?
        /// Permission bits afterwards.
        package var mode: UInt32

        package init(sourcePath: String, path: String, base: FileBase, content: [UInt8]?, mode: UInt32) {
            self.sourcePath = sourcePath
            self.path = path
            self.base = base
            self.content = content
            self.mode = mode
        }
    }

    /// Every file that changes under the current decisions, with its new content. `pending`
    /// says how to treat undecided lines (rejected by default: only what was accepted is written).
    /// Refused files never appear.
    package func resolved(pending: Decision = .rejected) -> [ResolvedFile] {
        self.changeset.files.indices.compactMap { self.resolved(file: $0, pending: pending) }
    }

    /// File `index` under the current decisions, or nil when it does not change.
    package func resolved(file index: Int, pending: Decision = .rejected) -> ResolvedFile? {
        let file = self.changeset.files[index]
        guard file.refusal == nil else { return nil }
        let decisions = self.files[index]
        func accepted(_ decision: Decision) -> Bool {
            decision == .accepted || (decision == .pending && pending == .accepted)
        }
        let operation = file.hasFileOperation && accepted(decisions.operation)
        let baseMode = file.base.mode ?? 0o644
        let destination = operation ? file.path : file.sourcePath
        let mode = operation ? (file.newMode ?? baseMode) : baseMode
        if file.kind == .delete {
            guard operation else { return nil }
            return ResolvedFile(
                sourcePath: file.sourcePath, path: file.sourcePath, base: file.base, content: nil, mode: baseMode)
        }
        if let binary = file.binary {
            guard operation else { return nil }
            return ResolvedFile(
                sourcePath: file.sourcePath, path: destination, base: file.base, content: binary.content, mode: mode)
        }
        let lines = self.assembledLines(index, accepted: accepted)
        if file.copiedFrom != nil {
            // A copy is made only when its operation is taken; the hunks then edit the copy.
            guard operation else { return nil }
            return ResolvedFile(
                sourcePath: file.path, path: file.path, base: file.base,
                content: ByteDocument(encoding: file.document.encoding, lines: lines).encoded(),
                mode: file.newMode ?? 0o644)
        }
        if file.kind == .create {
            let creates = !lines.isEmpty || (file.blocks.isEmpty && operation)
            guard creates else { return nil }
            return ResolvedFile(
                sourcePath: file.path, path: file.path, base: file.base,
                content: ByteDocument(encoding: file.document.encoding, lines: lines).encoded(),
                mode: file.newMode ?? 0o644)
        }
        let content = ByteDocument(encoding: file.document.encoding, lines: lines).encoded()
        let unchanged = lines == file.document.lines && destination == file.sourcePath && mode == baseMode
        if unchanged { return nil }
        return ResolvedFile(
            sourcePath: file.sourcePath, path: destination, base: file.base, content: content, mode: mode)
    }

    /// The file's lines with accepted removals and additions applied, endings repaired: a line
    /// without an ending gets one when others follow it, and the last line ends as the file did
    /// unless an accepted change at the end of the file says otherwise.
    private func assembledLines(_ index: Int, accepted: (Decision) -> Bool) -> [ByteLine] {
        let file = self.changeset.files[index]
        let decisions = self.files[index]
        let document = file.document
        var lines: [ByteLine] = []
        var cursor = 0
        var endTouched = false
        var newEndings: [LineBreak] = []
        for block in decisions.blocks {
            lines += document.lines[cursor..<block.oldRange.lowerBound]
            let oldDecisions = decisions.old[block.id] ?? []
            var changed = false
            for (offset, line) in document.lines[block.oldRange].enumerated() {
                if offset < oldDecisions.count && accepted(oldDecisions[offset]) {
                    changed = true
                } else {
                    lines.append(line)
                }
            }
            let newDecisions = decisions.new[block.id] ?? []
            for (offset, line) in block.newLines.enumerated()
            where offset < newDecisions.count && accepted(newDecisions[offset]) {
                lines.append(line)
                newEndings.append(line.ending)
                changed = true
            }
            if changed && block.oldRange.upperBound == document.lines.count { endTouched = true }
            cursor = block.oldRange.upperBound
        }
        lines += document.lines[cursor...]
        let ending: LineBreak =
            document.lines.isEmpty
            ? (newEndings.filter { $0 == .crlf }.count * 2 > newEndings.count ? .crlf : .lf) : document.dominantEnding
        for position in lines.indices.dropLast() where lines[position].ending == .none {
            lines[position].ending = ending
        }
        guard let last = lines.indices.last else { return lines }
        let finalNewline: Bool
        if endTouched, let explicit = file.finalNewline {
            finalNewline = explicit
        } else if document.lines.isEmpty {
            finalNewline = lines[last].ending != .none
        } else {
            finalNewline = document.endsWithNewline
        }
        if finalNewline && lines[last].ending == .none { lines[last].ending = ending }
        if !finalNewline { lines[last].ending = .none }
        return lines
    }
}
