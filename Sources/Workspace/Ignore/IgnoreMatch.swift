/// Why a path is (or is explicitly not) ignored: the deciding pattern and where it lives.
package struct IgnoreMatch: Sendable, CustomStringConvertible {
    /// The kind of file the pattern came from.
    package var source: IgnoreSource
    /// The absolute path of that file.
    package var filePath: String
    /// The pattern; a negated pattern means the path is explicitly re-included.
    package var pattern: IgnorePattern
    /// When an ancestor directory is ignored, the workspace-relative path of that directory
    /// (everything below an ignored directory is ignored, whatever later patterns say).
    package var ignoredAncestor: String?

    /// True when the path is ignored.
    package var isIgnored: Bool { !self.pattern.isNegated }

    /// `file:line:pattern`, like `git check-ignore -v`.
    package var description: String {
        "\(self.filePath):\(self.pattern.line):\(self.pattern.source)"
    }
}
