/// How a line ends.
package enum LineBreak: Hashable, Sendable {
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
