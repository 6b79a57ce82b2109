/// One line of a text file: its content (without terminator, in UTF-8 for UTF-16 files) and how
/// it ends.
package struct ByteLine: Hashable, Sendable {
    package var content: [UInt8]
    package var ending: LineBreak

    package init(_ content: [UInt8], ending: LineBreak) {
        self.content = content
        self.ending = ending
    }

    package init(_ content: String, ending: LineBreak = .lf) {
        self.init(Array(content.utf8), ending: ending)
    }
}
