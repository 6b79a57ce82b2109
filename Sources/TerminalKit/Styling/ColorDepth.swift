/// How many colours the terminal can show; styles are downgraded to fit before drawing.
package enum ColorDepth: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    /// No colour at all (`NO_COLOR` set, or a monochrome terminal): attributes only.
    case monochrome
    /// The 16 ANSI colours (8 on some terminals; bright ones map onto them).
    case ansi16
    /// The xterm 256-colour palette.
    case ansi256
    /// 24-bit colour.
    case truecolor

    package static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Picks the depth for a terminal.
    ///
    /// - Parameters:
    ///   - environment: `NO_COLOR` (any non-empty value) forces monochrome, per no-color.org;
    ///     `SEAM_COLORS` (`none`, `16`, `256`, `truecolor`) overrides detection.
    ///   - colors: the number of colours terminfo reports (`COLORS` after `start_color`).
    ///   - directColor: terminfo says colours are 24-bit RGB values (the `RGB` capability).
    package static func detect(environment: [String: String], colors: Int, directColor: Bool) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if let forced = environment["SEAM_COLORS"].flatMap(ColorDepth.init(name:)) {
            return min(forced, directColor || colors >= 1 << 24 ? .truecolor : (colors >= 256 ? .ansi256 : forced))
        }
        if directColor || colors >= 1 << 24 { return .truecolor }
        if colors >= 256 { return .ansi256 }
        if colors >= 8 { return .ansi16 }
        return .monochrome
    }

    /// Parses `none`, `16`, `256`, `truecolor` (also `24bit`).
    package init?(name: String) {
        switch name.lowercased() {
        case "none", "mono", "monochrome", "0": self = .monochrome
        case "16", "8", "ansi": self = .ansi16
        case "256": self = .ansi256
        case "truecolor", "24bit", "rgb": self = .truecolor
        default: return nil
        }
    }

    package var description: String {
        switch self {
        case .monochrome: "no colour"
        case .ansi16: "16 colours"
        case .ansi256: "256 colours"
        case .truecolor: "truecolor"
        }
    }
}
