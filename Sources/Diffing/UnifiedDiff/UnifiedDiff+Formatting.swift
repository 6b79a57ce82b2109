extension UnifiedDiff {
    /// The diff as text, in git's layout. A diff parsed from git's output formats back to the
    /// same bytes.
    package func formatted() -> [UInt8] {
        var output: [UInt8] = []
        for file in self.files { file.format(into: &output) }
        return output
    }
}

extension FileDiff {
    /// This file's part of a unified diff, appended to `output`.
    package func format(into output: inout [UInt8]) {
        func line(_ text: String) {
            output.append(contentsOf: text.utf8)
            output.append(0x0A)
        }
        if let gitPaths {
            line("diff --git \(GitQuoting.quote(gitPaths.old)) \(GitQuoting.quote(gitPaths.new))")
        }
        for header in self.extendedHeaders { line(header.text) }
        if let binary {
            switch binary {
            case .marker(let text):
                line(text)
            case .gitBinaryPatch(let lines):
                line("GIT binary patch")
                for data in lines { line(data) }
            }
        }
        if let labels {
            line("--- " + labels.old.text)
            line("+++ " + labels.new.text)
        }
        for hunk in self.hunks { hunk.format(into: &output) }
    }

    /// This file's part of a unified diff.
    package var formatted: [UInt8] {
        var output: [UInt8] = []
        self.format(into: &output)
        return output
    }
}

extension PatchHunk {
    /// The hunk as unified-diff text, appended to `output`.
    package func format(into output: inout [UInt8]) {
        output.append(contentsOf: self.headerText.utf8)
        output.append(contentsOf: self.heading)
        output.append(0x0A)
        for line in self.lines {
            output.append(line.kind.marker)
            output.append(contentsOf: line.text)
            output.append(0x0A)
            if !line.hasNewline { output.append(contentsOf: "\\ No newline at end of file\n".utf8) }
        }
    }
}

extension FileLabel {
    /// The label as written after `--- ` or `+++ `.
    package var text: String {
        switch self {
        case .devNull: "/dev/null"
        case .path(let path, let suffix): GitQuoting.quote(path) + (suffix.map { "\t" + $0 } ?? "")
        }
    }
}

extension ExtendedHeader {
    /// The header line as git writes it.
    package var text: String {
        switch self {
        case .oldMode(let mode): "old mode \(mode)"
        case .newMode(let mode): "new mode \(mode)"
        case .deletedFileMode(let mode): "deleted file mode \(mode)"
        case .newFileMode(let mode): "new file mode \(mode)"
        case .copyFrom(let path): "copy from \(GitQuoting.quote(path))"
        case .copyTo(let path): "copy to \(GitQuoting.quote(path))"
        case .renameFrom(let path): "rename from \(GitQuoting.quote(path))"
        case .renameTo(let path): "rename to \(GitQuoting.quote(path))"
        case .similarityIndex(let percent): "similarity index \(percent)%"
        case .dissimilarityIndex(let percent): "dissimilarity index \(percent)%"
        case .index(let old, let new, let mode): "index \(old)..\(new)" + (mode.map { " " + $0 } ?? "")
        case .other(let text): text
        }
    }
}
