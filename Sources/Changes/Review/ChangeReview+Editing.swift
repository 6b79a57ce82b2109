extension ChangeReview {
    /// The text of `hunk` to edit in `$EDITOR`: instructions as `#` lines, then the hunk as it
    /// would apply now (rejected removals as context, rejected additions left out).
    package func editableText(_ hunk: ReviewHunk.ID) throws(ChangesError) -> String {
        let file = try self.checkedFile(hunk.file)
        guard let found = self.hunks(inFile: file).first(where: { $0.id == hunk }), found.operation == nil else {
            throw ChangesError(
                .invalidReview, "only content hunks can be edited", path: self.changeset.files[file].path)
        }
        let path = self.changeset.files[file].path
        return """
            # Edit this hunk of \(path), then save and quit.
            # '-' lines are removed, '+' lines added, ' ' lines kept. To keep a line that would be
            # removed, change its '-' to ' '. To drop an added line, delete it. Add '+' lines freely.
            # Do not change the text of ' ' and '-' lines: they must still match the file.
            # Lines starting with '#' are ignored; an empty result keeps the hunk as it was.

            """ + self.text(of: found, asDecided: true)
    }

    /// Replaces `hunk` by the reviewer's edited version of its text (see `editableText`), after
    /// checking that its ` ` and `-` lines are still exactly the file's lines. The edited lines
    /// count as accepted. Returns the id of the hunk that now shows the change.
    @discardableResult
    package mutating func applyEdit(_ hunk: ReviewHunk.ID, text: String) throws(ChangesError) -> ReviewHunk.ID? {
        let file = try self.checkedFile(hunk.file)
        let changesetFile = self.changeset.files[file]
        guard let found = self.hunks(inFile: file).first(where: { $0.id == hunk }), found.operation == nil else {
            throw ChangesError(.invalidReview, "only content hunks can be edited", path: changesetFile.path)
        }
        let document = changesetFile.document
        let region = found.oldStart..<(found.oldStart + found.oldCount)
        var oldIndex = region.lowerBound
        var newContents: [(content: [UInt8], kept: Int?)] = []
        var sawLine = false
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        for (number, raw) in lines.enumerated() {
            var line = Array(raw.utf8)
            if line.last == 0x0D { line.removeLast() }
            if line.first == UInt8(ascii: "#") || (line.starts(with: Array("@@".utf8))) { continue }
            sawLine = true
            let marker = line.first
            let content = Array(line.dropFirst())
            func expectOld() throws(ChangesError) {
                guard oldIndex < region.upperBound else {
                    throw ChangesError(
                        .invalidEdit,
                        "line \(number + 1) of the edited hunk: more ' ' and '-' lines than the hunk covers (\(region.count))",
                        path: changesetFile.path)
                }
                let expected = document.lines[oldIndex].content
                guard expected == content else {
                    throw ChangesError(
                        .invalidEdit,
                        "line \(number + 1) of the edited hunk: expected the file's line \(oldIndex + 1) '\(String(decoding: expected, as: UTF8.self))' but found '\(String(decoding: content, as: UTF8.self))'; ' ' and '-' lines must not change",
                        path: changesetFile.path)
                }
            }
            switch marker {
            case UInt8(ascii: " ")?, nil:
                try expectOld()
                newContents.append((marker == nil ? [] : content, oldIndex))
                oldIndex += 1
            case UInt8(ascii: "-")?:
                try expectOld()
                oldIndex += 1
            case UInt8(ascii: "+")?:
                newContents.append((content, nil))
            default:
                throw ChangesError(
                    .invalidEdit, "line \(number + 1) of the edited hunk starts with none of ' ', '-', '+', '#'",
                    path: changesetFile.path)
            }
        }
        guard sawLine else { return hunk }
        guard oldIndex == region.upperBound else {
            throw ChangesError(
                .invalidEdit,
                "the edited hunk has \(oldIndex - region.lowerBound) ' ' and '-' lines; it must keep all \(region.count) of the original",
                path: changesetFile.path)
        }
        let proposed = self.text(of: found, asDecided: false)
        // New lines end like the region's lines; kept lines keep their own endings.
        let regionEnding =
            document.lines[region].first { $0.ending != .none }?.ending ?? document.dominantEnding
        let newLines = newContents.map { entry in
            ByteLine(
                entry.content,
                ending: entry.kept.map { document.lines[$0].ending == .none ? regionEnding : document.lines[$0].ending }
                    ?? regionEnding)
        }
        let regionDocument = ByteDocument(encoding: document.encoding, lines: Array(document.lines[region]))
        let (regionBlocks, _) = ChangesetBuilder.blocks(from: regionDocument, to: newLines)
        var decisions = self.files[file]
        let removed = Set(found.blockIDs)
        let origin = decisions.blocks.first { removed.contains($0.id) }?.origin ?? 0
        decisions.blocks.removeAll { removed.contains($0.id) }
        for id in removed {
            decisions.old[id] = nil
            decisions.new[id] = nil
        }
        var firstNewID: Int?
        for block in regionBlocks {
            let id = decisions.nextBlockID
            decisions.nextBlockID += 1
            let shifted = ChangeBlock(
                id: id,
                oldRange: (block.oldRange.lowerBound + region.lowerBound)..<(block.oldRange.upperBound
                    + region.lowerBound),
                newLines: block.newLines, origin: origin)
            decisions.blocks.append(shifted)
            decisions.old[id] = Array(repeating: .accepted, count: shifted.oldRange.count)
            decisions.new[id] = Array(repeating: .accepted, count: shifted.newLines.count)
            if firstNewID == nil {
                firstNewID = id
                // A hunk split off from its neighbour stays split off.
                if decisions.splitBefore.contains(hunk.firstBlock) { decisions.splitBefore.insert(id) }
            }
        }
        decisions.blocks.sort { $0.oldRange.lowerBound < $1.oldRange.lowerBound }
        self.files[file] = decisions
        let final = firstNewID.flatMap { id in self.hunks(inFile: file).first { $0.blockIDs.contains(id) } }
        self.files[file].edits.append(
            HunkEdit(
                editHunks: found.editHunks, proposed: proposed,
                final: final.map { self.text(of: $0, asDecided: true) }
                    ?? "(the edit removes every change of the hunk)\n"))
        return final?.id
    }
}
