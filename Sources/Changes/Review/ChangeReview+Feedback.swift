extension ChangeReview {
    /// What to tell the model on its next turn about how its proposal was received: which files
    /// were accepted, and for everything rejected, partly accepted, edited or not applicable, the
    /// hunks concerned as text. Empty when everything was accepted as proposed.
    package func feedback(pending: Decision = .rejected) -> String {
        var sections: [String] = []
        var acceptedFiles: [String] = []
        for index in self.changeset.files.indices {
            let file = self.changeset.files[index]
            if let refusal = file.refusal {
                sections.append("- \(file.path): could not be applied: \(refusal).")
                continue
            }
            var notes: [String] = []
            for report in file.hunks where !report.outcome.isApplied {
                notes.append(
                    "  hunk \(report.number) (\(report.source.format.rawValue) at line \(report.sourceLine)) did not apply: \(report.outcome)"
                )
            }
            let decisions = self.files[index]
            if file.hasFileOperation, let operation = file.fileOperationDescription {
                let decision = decisions.operation == .pending ? pending : decisions.operation
                if decision != .accepted { notes.append("  the user rejected: \(operation)") }
            }
            for edit in decisions.edits {
                notes.append(
                    "  the user edited hunk \(edit.editHunks.map(String.init).joined(separator: ", ")); you proposed:\n"
                        + Self.fenced(edit.proposed) + "\n  and the user applied instead:\n" + Self.fenced(edit.final))
            }
            for hunk in self.hunks(inFile: index) where hunk.operation == nil {
                let decisions = hunk.lines.compactMap(\.decision).map { $0 == .pending ? pending : $0 }
                let state = ReviewState(decisions)
                if state == .rejected {
                    notes.append(
                        "  the user rejected this hunk:\n" + Self.fenced(self.text(of: hunk, asDecided: false)))
                } else if state == .partial {
                    notes.append(
                        "  the user accepted only part of this hunk; what was applied:\n"
                            + Self.fenced(self.text(of: self.withPending(hunk, as: pending), asDecided: true)))
                }
            }
            if notes.isEmpty {
                acceptedFiles.append(file.path)
            } else {
                sections.append("- \(file.path):\n" + notes.joined(separator: "\n"))
            }
        }
        guard !sections.isEmpty else { return "" }
        var text = "The user reviewed your proposed changes (\(self.changeset.files.count) files).\n"
        if !acceptedFiles.isEmpty { text += "Accepted as proposed: \(acceptedFiles.joined(separator: ", ")).\n" }
        return text + sections.joined(separator: "\n") + "\n"
    }

    private func withPending(_ hunk: ReviewHunk, as pending: Decision) -> ReviewHunk {
        var hunk = hunk
        for index in hunk.lines.indices where hunk.lines[index].decision == .pending {
            hunk.lines[index].decision = pending
        }
        return hunk
    }

    private static func fenced(_ text: String) -> String {
        "  ```diff\n"
            + text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
            .map { "  " + $0 }.joined(separator: "\n") + "\n  ```"
    }
}
