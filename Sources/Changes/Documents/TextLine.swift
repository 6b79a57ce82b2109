/// How a line ends.
package enum LineEnding: Hashable, Sendable {
    /// `\n`
    case lf
    /// `\r\n`
    case crlf
    /// Nothing: the last line of a file without a final newline.
    case none

    /// The terminator's bytes.
    package var bytes: [UInt8] {
        switch self {
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        case .none: []
        }
    }
}

/// One line of a text file: its content (without terminator, in UTF-8 for UTF-16 files) and how
/// it ends.
package struct TextLine: Hashable, Sendable {
    package var content: [UInt8]
    package var ending: LineEnding

    package init(_ content: [UInt8], ending: LineEnding) {
        self.content = content
        self.ending = ending
    }

    package init(_ content: String, ending: LineEnding = .lf) {
        self.init(Array(content.utf8), ending: ending)
    }
}
