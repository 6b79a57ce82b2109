/// Plain-text reports of a changeset for the command line: one line per hunk with its outcome,
/// and a readable listing of every hunk for `seam review` without the TUI.
package enum ChangesetReport {
    /// One line per hunk (and per file-level operation or refusal) saying what happens to it
    /// under `selection`, and how many selected hunks cannot apply.
    package static func outcomes(_ changeset: Changeset, selection: HunkSelection) -> (lines: [String], failures: Int) {
        var lines: [String] = []
        var failures = 0
        for file in changeset.files {
            if let refusal = file.refusal {
                let selected =
                    selection.selectsOperation(of: file)
                    || file.hunks.contains { selection.selects(file, hunk: $0.number) }
                if selected { failures += 1 }
                lines.append("\(file.path): refused: \(refusal)" + (selected ? "" : " (not selected)"))
                continue
            }
            if let operation = file.fileOperationDescription {
                let taken = selection.selectsOperation(of: file)
                lines.append("\(file.path): \(operation): \(taken ? "accepted" : "not selected")")
            }
            for report in file.hunks {
                let selected = selection.selects(file, hunk: report.number)
                if !selected {
                    lines.append("\(file.path): hunk \(report.number): not selected (\(report.outcome))")
                    continue
                }
                if report.outcome.isApplied {
                    lines.append("\(file.path): hunk \(report.number): \(report.outcome)")
                } else {
                    failures += 1
                    let source = "\(report.source.format.rawValue) \(report.source.block), line \(report.sourceLine)"
                    lines.append("\(file.path): hunk \(report.number) (\(source)): \(report.outcome)")
                }
            }
        }
        return (lines, failures)
    }

    /// Every file and hunk of `review`, readable in a terminal without colours.
    package static func listing(_ review: ChangeReview) -> String {
        let changeset = review.changeset
        var text = "\(changeset.title): \(changeset.files.count) file\(changeset.files.count == 1 ? "" : "s")\n"
        for (index, file) in changeset.files.enumerated() {
            text += "\n=== \(file.path)"
            if let original = file.originalPath { text += " (from \(original))" }
            text += " [\(Self.kindLabel(file))"
            if file.kind != .create && !file.base.isBinary && file.base.exists {
                text += ", \(file.document.layoutDescription)"
            }
            text += "]\n"
            if let refusal = file.refusal {
                text += "refused: \(refusal)\n"
                continue
            }
            for report in file.hunks where !report.outcome.isApplied {
                text += "hunk \(report.number) (edit line \(report.sourceLine)): \(report.outcome)\n"
            }
            for hunk in review.hunks(inFile: index) {
                if let operation = hunk.operation {
                    text += "* \(operation)\n"
                    continue
                }
                let numbers = hunk.editHunks.map(String.init).joined(separator: ", ")
                text += "\(hunk.header) hunk \(numbers)\n"
                for line in hunk.lines {
                    let marker: String
                    switch line.kind {
                    case .context: marker = " "
                    case .deletion: marker = "-"
                    case .addition: marker = "+"
                    }
                    text += marker + String(decoding: line.text, as: UTF8.self) + "\n"
                }
            }
        }
        if !changeset.diagnostics.isEmpty {
            text += "\n" + changeset.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        }
        return text
    }

    private static func kindLabel(_ file: ChangesetFile) -> String {
        if file.binary != nil { return "binary" }
        switch file.kind {
        case .modify: return file.originalPath == nil ? "modified" : "renamed"
        case .create: return file.copiedFrom.map { "copy of \($0)" } ?? "new file"
        case .delete: return "deleted"
        }
    }
}
