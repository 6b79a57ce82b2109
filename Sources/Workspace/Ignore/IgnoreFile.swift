/// The compiled patterns of one gitignore-syntax file.
package struct IgnoreFile: Sendable {
    /// Which kind of file this is.
    package var source: IgnoreSource
    /// The file's path (absolute), for messages like `git check-ignore -v`.
    package var filePath: String
    /// The directory the patterns are relative to, relative to the rules' base (`""` for the
    /// repository top or the workspace root).
    package var directory: String
    /// The patterns in file order.
    package var patterns: [IgnorePattern]
    /// Some pattern is anchored, so matching needs the whole relative path, not just the name.
    package private(set) var hasAnchoredPatterns: Bool

    /// Compiles `contents` (the file's bytes).
    package init(source: IgnoreSource, filePath: String, directory: String, contents: [UInt8]) {
        self.source = source
        self.filePath = filePath
        self.directory = directory
        var patterns: [IgnorePattern] = []
        var bytes = contents[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        var number = 0
        // Split on LF bytes: a String would treat CRLF as one character.
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            if let pattern = IgnorePattern(line: Substring(decoding: line, as: UTF8.self), number: number) {
                patterns.append(pattern)
            }
        }
        self.patterns = patterns
        self.hasAnchoredPatterns = patterns.contains { $0.isAnchored }
    }

    /// The last pattern that matches, if any.
    ///
    /// - Parameters:
    ///   - relativePath: the path relative to `directory`.
    ///   - nameStart: the byte offset of its last component.
    package func lastMatch(_ relativePath: UnsafeBufferPointer<UInt8>, nameStart: Int, isDirectory: Bool) -> IgnorePattern? {
        for pattern in self.patterns.reversed()
        where pattern.matches(relativePath, nameStart: nameStart, isDirectory: isDirectory) {
            return pattern
        }
        return nil
    }
}
