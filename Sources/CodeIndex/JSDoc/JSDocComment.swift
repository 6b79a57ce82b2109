/// The tags of one `/** … */` comment that carry types: `@param`, `@returns`, `@type`,
/// `@typedef` with its `@property` list.
package struct JSDocComment: Sendable, Equatable {
    /// One `@param {Type} name` (or `[name]`, `[name=default]`, `...name` via `{...Type}`).
    package struct Parameter: Sendable, Equatable {
        /// The parameter name (a dotted name like `options.x` documents a property, not a parameter).
        package var name: String
        /// The type expression between the braces, as written.
        package var type: String?
        /// Written `[name]` or `[name=default]`.
        package var optionalByBrackets: Bool
    }

    /// One `@property {Type} name` of a typedef.
    package struct Property: Sendable, Equatable {
        /// The property name.
        package var name: String
        /// The type expression as written.
        package var type: String?
        /// Written `[name]`.
        package var optional: Bool
    }

    /// `@param` tags in order.
    package var parameters: [Parameter] = []
    /// The `@returns`/`@return` type, as written.
    package var returns: String?
    /// The `@type` type, as written.
    package var type: String?
    /// `@typedef {Type} Name`: the name and type as written (type nil for `@typedef {Object} Name` with properties).
    package var typedef: (name: String, type: String?)?
    /// `@property`/`@prop` tags (for a typedef).
    package var properties: [Property] = []

    package static func == (lhs: JSDocComment, rhs: JSDocComment) -> Bool {
        lhs.parameters == rhs.parameters && lhs.returns == rhs.returns && lhs.type == rhs.type
            && lhs.typedef?.name == rhs.typedef?.name && lhs.typedef?.type == rhs.typedef?.type
            && lhs.properties == rhs.properties
    }

    /// Parses the text of a block comment; nil unless it starts with `/**`.
    package init?(_ comment: String) {
        guard comment.hasPrefix("/**"), !comment.hasPrefix("/**/") else { return nil }
        var body = Substring(comment.dropFirst(3))
        if body.hasSuffix("*/") { body = body.dropLast(2) }
        // Strip the leading `*` of each line.
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            if trimmed.first == "*" { trimmed = trimmed.dropFirst() }
            return trimmed
        }
        let text = Array(lines.joined(separator: "\n"))
        var index = 0
        while index < text.count {
            guard text[index] == "@", index == 0 || text[index - 1].isWhitespace else {
                index += 1
                continue
            }
            var end = index + 1
            while end < text.count && (text[end].isLetter) { end += 1 }
            let tag = String(text[(index + 1)..<end])
            index = end
            self.readTag(tag, text: text, index: &index)
        }
    }

    private mutating func readTag(_ tag: String, text: [Character], index: inout Int) {
        switch tag {
        case "param", "arg", "argument":
            let type = Self.readType(text, &index)
            guard let (name, optional) = Self.readName(text, &index) else { return }
            self.parameters.append(Parameter(name: name, type: type, optionalByBrackets: optional))
        case "returns", "return":
            self.returns = Self.readType(text, &index)
        case "type":
            self.type = Self.readType(text, &index)
        case "typedef":
            let type = Self.readType(text, &index)
            if let (name, _) = Self.readName(text, &index) { self.typedef = (name, type) }
        case "property", "prop":
            let type = Self.readType(text, &index)
            guard let (name, optional) = Self.readName(text, &index) else { return }
            self.properties.append(Property(name: name, type: type, optional: optional))
        default:
            break
        }
    }

    /// Reads `{…}` with nested braces; nil when no type follows.
    private static func readType(_ text: [Character], _ index: inout Int) -> String? {
        while index < text.count && (text[index] == " " || text[index] == "\t") { index += 1 }
        guard index < text.count, text[index] == "{" else { return nil }
        var depth = 0
        let start = index + 1
        while index < text.count {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 {
                    let type = String(text[start..<index]).split(separator: "\n").map {
                        $0.trimmingSpaces()
                    }.joined(separator: " ")
                    index += 1
                    return type.trimmingSpaces()
                }
            }
            index += 1
        }
        return nil
    }

    /// Reads `name`, `[name]` or `[name=default]`.
    private static func readName(_ text: [Character], _ index: inout Int) -> (String, Bool)? {
        while index < text.count && (text[index] == " " || text[index] == "\t") { index += 1 }
        guard index < text.count else { return nil }
        if text[index] == "[" {
            var depth = 0
            let start = index + 1
            while index < text.count {
                if text[index] == "[" { depth += 1 }
                if text[index] == "]" {
                    depth -= 1
                    if depth == 0 { break }
                }
                index += 1
            }
            let inner = String(text[start..<min(index, text.count)])
            index += 1
            let name = inner.split(separator: "=", maxSplits: 1).first.map { String($0).trimmingSpaces() } ?? ""
            return name.isEmpty ? nil : (name, true)
        }
        let start = index
        while index < text.count && (text[index].isLetter || text[index].isNumber || "_$.".contains(text[index])) {
            index += 1
        }
        guard index > start else { return nil }
        return (String(text[start..<index]), false)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    package func trimmingSpaces() -> String {
        let characters = Array(self)
        var start = 0
        var end = characters.count
        while start < end && characters[start].isWhitespace { start += 1 }
        while end > start && characters[end - 1].isWhitespace { end -= 1 }
        return String(characters[start..<end])
    }
}
