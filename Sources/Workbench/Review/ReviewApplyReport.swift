import Changes

/// What the final apply of a review did, hunk by hunk: built from the decisions when the apply
/// is requested, completed with the checkpoint when it succeeds.
package struct ReviewApplyReport: Hashable, Sendable {
    /// One line of the report.
    package struct Line: Hashable, Sendable {
        /// How the line is shown.
        package enum Kind: Hashable, Sendable {
            /// A file name.
            case file
            /// Written as proposed (or as edited).
            case applied
            /// Only some lines written.
            case partial
            /// Not written: the reviewer rejected it or left it undecided.
            case skipped
            /// Could not be written at all (refused file, hunk that does not fit).
            case failed
        }

        package var kind: Kind
        package var text: String

        package init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// The checkpoint the apply created (0 until it succeeded).
    package var checkpoint: Int
    /// Files written.
    package var fileCount: Int
    package var lines: [Line]

    package init(checkpoint: Int = 0, fileCount: Int, lines: [Line]) {
        self.checkpoint = checkpoint
        self.fileCount = fileCount
        self.lines = lines
    }

    /// The per-hunk outcomes of applying `review` as decided now (undecided lines left out).
    /// `edited` holds the block ids per file the reviewer rewrote; `fileCount` is how many files
    /// the apply writes.
    package static func outcomes(
        of review: ChangeReview, edited: [Int: Set<Int>], fileCount: Int
    ) -> ReviewApplyReport {
        var lines: [Line] = []
        let changeset = review.changeset
        for index in changeset.files.indices {
            let file = changeset.files[index]
            lines.append(Line(.file, file.originalPath.map { "\($0) → \(file.path)" } ?? file.path))
            if let refusal = file.refusal {
                lines.append(Line(.failed, "  refused: \(refusal)"))
                continue
            }
            for report in file.hunks where !report.outcome.isApplied {
                lines.append(Line(.failed, "  edit hunk \(report.number) not applied: \(report.outcome)"))
            }
            let editedBlocks = edited[index] ?? []
            for hunk in review.hunks(inFile: index) {
                if let operation = hunk.operation {
                    let accepted = hunk.state == .accepted
                    lines.append(
                        Line(accepted ? .applied : .skipped, "  \(operation): \(accepted ? "applied" : "not applied")"))
                    continue
                }
                let numbers = hunk.editHunks.map(String.init).joined(separator: ", ")
                let label = "  \(hunk.header) (edit hunk \(numbers))"
                let location = hunk.editHunks.compactMap { number in
                    file.hunks.indices.contains(number - 1) ? file.hunks[number - 1].outcome : nil
                }.filter(\.isApplied).map(\.description).joined(separator: "; ")
                let changed = hunk.lines.compactMap(\.decision)
                let taken = changed.filter { $0 == .accepted }.count
                let wasEdited = !editedBlocks.isDisjoint(with: hunk.blockIDs)
                let suffix = location.isEmpty ? "" : " — \(location)"
                if taken == 0 {
                    let why = changed.contains(.rejected) ? "rejected" : "undecided, left out"
                    lines.append(Line(.skipped, "\(label): \(why)"))
                } else if wasEdited {
                    lines.append(Line(.applied, "\(label): applied as edited\(suffix)"))
                } else if taken == changed.count {
                    lines.append(Line(.applied, "\(label): applied\(suffix)"))
                } else {
                    lines.append(
                        Line(.partial, "\(label): \(taken) of \(changed.count) changed lines applied\(suffix)"))
                }
            }
        }
        return ReviewApplyReport(fileCount: fileCount, lines: lines)
    }
}
