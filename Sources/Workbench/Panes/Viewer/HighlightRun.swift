/// A highlighted stretch of one line: `length` characters from `start` drawn with theme scope
/// `scope` (`syntax.keyword`, …).
package struct HighlightRun: Hashable, Sendable {
    package var start: Int
    package var length: Int
    package var scope: String

    package init(start: Int, length: Int, scope: String) {
        self.start = start
        self.length = length
        self.scope = scope
    }
}
