import Workspace

/// Turns a read document into what the viewer shows: decoded lines, highlight runs in
/// character offsets, the language name and a note about anything unusual.
package enum FileContentLoader {
    /// Highlighting stops past this many lines (the rest shows plain) to bound the work.
    package static let highlightLineLimit = 200_000

    package static func content(of document: FileContents) -> FileContent {
        guard document.content == .text else {
            return FileContent(lines: [], note: "binary file (\(Format.bytes(document.sizeOnDisk))), not shown")
        }
        let lines = document.lines.map(\.text)
        let highlighter = Highlighter(path: document.path, firstLine: lines.first)
        var highlights: [[HighlightRun]] = []
        if highlighter.language != .plainText {
            let tokens = highlighter.highlight(lines: Array(lines.prefix(self.highlightLineLimit)))
            highlights = zip(lines, tokens).map { line, lineTokens in
                self.runs(lineTokens, in: line)
            }
        }
        var notes: [String] = []
        if document.encoding != .utf8 { notes.append(document.encoding.description) }
        if document.lineEnding == .crlf { notes.append("CRLF") }
        if document.hasInvalidBytes { notes.append("invalid bytes shown as �") }
        if document.isTruncated { notes.append("first \(Format.bytes(document.bytes.count)) of \(Format.bytes(document.sizeOnDisk))") }
        return FileContent(
            lines: lines, highlights: highlights, language: self.name(of: highlighter.language),
            note: notes.isEmpty ? nil : notes.joined(separator: ", "))
    }

    /// Tokens (UTF-8 byte ranges) as runs of characters with theme scopes.
    static func runs(_ tokens: [HighlightToken], in line: String) -> [HighlightRun] {
        guard !tokens.isEmpty else { return [] }
        if line.utf8.count == line.count {
            return tokens.map { HighlightRun(start: $0.range.lowerBound, length: $0.range.count, scope: "syntax." + $0.kind.rawValue) }
        }
        return tokens.map { token in
            let range = TextOffsets.characterRange(forUTF8Range: token.range, in: line)
            return HighlightRun(start: range.lowerBound, length: range.count, scope: "syntax." + token.kind.rawValue)
        }
    }

    static func name(of language: Language) -> String? {
        switch language {
        case .javascript: "JavaScript"
        case .jsx: "JavaScript (JSX)"
        case .typescript: "TypeScript"
        case .tsx: "TypeScript (TSX)"
        case .swift: "Swift"
        case .python: "Python"
        case .json: "JSON"
        case .markdown: "Markdown"
        case .plainText: nil
        }
    }
}
