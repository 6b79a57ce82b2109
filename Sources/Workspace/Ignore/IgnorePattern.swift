/// One line of a gitignore-syntax file, compiled.
///
/// Parsing follows gitignore(5): blank lines and `#` comments are skipped; trailing spaces are
/// dropped unless escaped with `\`; a leading `!` negates (`\!` and `\#` are literal); a trailing
/// `/` restricts the pattern to directories; a pattern with a `/` anywhere else is anchored to the
/// directory of its file, otherwise it matches the name at any depth.
package struct IgnorePattern: Sendable, CustomStringConvertible {
    /// The line as written (without the newline).
    package var source: String
    /// 1-based line number in its file.
    package var line: Int
    /// `!pattern`: re-includes what an earlier pattern excluded.
    package var isNegated: Bool
    /// `pattern/`: matches directories only.
    package var isDirectoryOnly: Bool
    /// Contains a `/` before its end: matched against the path relative to the file's directory.
    package var isAnchored: Bool
    /// The glob after stripping `!`, the leading and trailing `/`.
    package var glob: [UInt8]

    private enum Shape: Sendable {
        /// No wildcards: compare bytes (with escapes removed).
        case literal([UInt8])
        /// `*` followed by a wildcard-free tail, matching a name: compare the suffix.
        case suffix([UInt8])
        /// Anything else.
        case glob
    }

    private var shape: Shape

    /// Compiles one line; nil for blank lines, comments and lines that cannot match anything.
    package init?(line text: Substring, number: Int) {
        var bytes = Array(text.utf8)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if bytes.isEmpty || bytes[0] == UInt8(ascii: "#") { return nil }
        // Trailing spaces are dropped unless the last one is escaped.
        while bytes.last == UInt8(ascii: " ") {
            var backslashes = 0
            var index = bytes.count - 2
            while index >= 0 && bytes[index] == UInt8(ascii: "\\") {
                backslashes += 1
                index -= 1
            }
            if backslashes % 2 == 1 { break }
            bytes.removeLast()
        }
        if bytes.isEmpty { return nil }
        self.source = String(text)
        self.line = number
        self.isNegated = false
        if bytes[0] == UInt8(ascii: "!") {
            self.isNegated = true
            bytes.removeFirst()
        }
        self.isDirectoryOnly = false
        if bytes.last == UInt8(ascii: "/") {
            self.isDirectoryOnly = true
            bytes.removeLast()
        }
        if bytes.isEmpty { return nil }
        self.isAnchored = bytes.contains(UInt8(ascii: "/"))
        if bytes.first == UInt8(ascii: "/") { bytes.removeFirst() }
        if bytes.isEmpty { return nil }
        self.glob = bytes
        self.shape = Self.classify(bytes, anchored: self.isAnchored)
    }

    /// True when the pattern matches.
    ///
    /// - Parameters:
    ///   - relativePath: the path relative to the directory of the pattern's file.
    ///   - nameStart: the byte offset of the last component in `relativePath`.
    package func matches(_ relativePath: UnsafeBufferPointer<UInt8>, nameStart: Int, isDirectory: Bool) -> Bool {
        if self.isDirectoryOnly && !isDirectory { return false }
        let subject =
            self.isAnchored
            ? relativePath
            : UnsafeBufferPointer(rebasing: relativePath[nameStart...])
        switch self.shape {
        case .literal(let literal):
            return subject.count == literal.count && subject.elementsEqual(literal)
        case .suffix(let tail):
            return subject.count >= tail.count && subject[(subject.count - tail.count)...].elementsEqual(tail)
        case .glob:
            return Wildmatch.matches(self.glob, subject, pathName: self.isAnchored)
        }
    }

    package var description: String { "\(self.line):\(self.source)" }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "\\")
    }

    private static func classify(_ bytes: [UInt8], anchored: Bool) -> Shape {
        if !bytes.contains(where: isSpecial) { return .literal(bytes) }
        if !anchored && bytes.count > 1 && bytes[0] == UInt8(ascii: "*") && !bytes.dropFirst().contains(where: isSpecial) {
            return .suffix(Array(bytes.dropFirst()))
        }
        return .glob
    }
}
