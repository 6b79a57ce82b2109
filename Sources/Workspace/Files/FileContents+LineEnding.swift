extension FileContents {
    /// The terminator of one line.
    package enum LineTerminator: Hashable, Sendable {
        /// `\n`
        case lf
        /// `\r\n`
        case crlf

        /// The characters of the terminator.
        package var text: String { self == .lf ? "\n" : "\r\n" }
    }

    /// The line-ending convention of a whole file.
    package enum LineEnding: Hashable, Sendable, CustomStringConvertible {
        /// Every terminated line ends in `\n`.
        case lf
        /// Every terminated line ends in `\r\n`.
        case crlf
        /// Both occur; `dominant` is the more frequent (LF on a tie), used for new lines.
        case mixed(dominant: LineTerminator)
        /// No line is terminated (empty or single-line file without a final newline).
        case none

        /// The terminator new lines should get.
        package var preferred: LineTerminator {
            switch self {
            case .lf, .none: .lf
            case .crlf: .crlf
            case .mixed(let dominant): dominant
            }
        }

        /// The convention given counts of LF-only and CRLF terminators.
        package static func from(lf: Int, crlf: Int) -> LineEnding {
            switch (lf, crlf) {
            case (0, 0): .none
            case (_, 0): .lf
            case (0, _): .crlf
            default: .mixed(dominant: crlf > lf ? .crlf : .lf)
            }
        }

        package var description: String {
            switch self {
            case .lf: "LF"
            case .crlf: "CRLF"
            case .mixed: "mixed"
            case .none: "none"
            }
        }
    }
}
