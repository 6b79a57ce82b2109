/// A language the highlighter knows, detected from a file name (or a shebang line).
package enum Language: String, Hashable, Sendable, CaseIterable {
    case javascript
    /// JavaScript with JSX (`.jsx`; JSX is also recognised in `.js` where a tag can start).
    case jsx
    case typescript
    /// TypeScript with JSX.
    case tsx
    case swift
    case python
    case json
    case markdown
    /// Anything else: no tokens.
    case plainText

    /// The language for `path` by extension, else by a `#!` first line, else plain text.
    package static func detect(path: String, firstLine: String? = nil) -> Language {
        let name = RelativePath.name(path).lowercased()
        if let dot = name.lastIndex(of: ".") {
            switch name[name.index(after: dot)...] {
            case "js", "mjs", "cjs": return .javascript
            case "jsx": return .jsx
            case "ts", "mts", "cts": return .typescript
            case "tsx": return .tsx
            case "swift": return .swift
            case "py", "pyi", "pyw": return .python
            case "json", "jsonc", "json5", "geojson", "webmanifest": return .json
            case "md", "markdown", "mdown", "mkd": return .markdown
            default: break
            }
        }
        if name == "package.json" || name.hasSuffix(".json") { return .json }
        if let line = firstLine, line.hasPrefix("#!") {
            if line.contains("python") { return .python }
            if line.contains("node") || line.contains("deno") || line.contains("bun") { return .javascript }
            if line.contains("swift") { return .swift }
        }
        return .plainText
    }

    /// The language a Markdown fence's info string names (` ```ts `), if known.
    package static func fromFenceInfo(_ info: String) -> Language? {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "," }).first.map { $0.lowercased() } ?? ""
        switch word {
        case "js", "javascript", "mjs", "cjs", "node": return .javascript
        case "jsx": return .jsx
        case "ts", "typescript": return .typescript
        case "tsx": return .tsx
        case "swift": return .swift
        case "py", "python", "python3": return .python
        case "json", "jsonc", "json5": return .json
        case "md", "markdown": return .markdown
        default: return nil
        }
    }
}
