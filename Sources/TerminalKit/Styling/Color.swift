/// A terminal colour: the terminal's default, one of the 16 ANSI colours, an entry of the
/// 256-colour palette, or 24-bit RGB.
package enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// ANSI colour 0–15 (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// xterm 256-colour palette entry.
    case indexed(UInt8)
    /// 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    package static let black = Color.ansi(0)
    package static let red = Color.ansi(1)
    package static let green = Color.ansi(2)
    package static let yellow = Color.ansi(3)
    package static let blue = Color.ansi(4)
    package static let magenta = Color.ansi(5)
    package static let cyan = Color.ansi(6)
    package static let white = Color.ansi(7)
    package static let brightBlack = Color.ansi(8)
    package static let brightRed = Color.ansi(9)
    package static let brightGreen = Color.ansi(10)
    package static let brightYellow = Color.ansi(11)
    package static let brightBlue = Color.ansi(12)
    package static let brightMagenta = Color.ansi(13)
    package static let brightCyan = Color.ansi(14)
    package static let brightWhite = Color.ansi(15)

    /// The names accepted in theme files for the 16 ANSI colours, in palette order.
    package static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
        "bright-white",
    ]

    /// Parses a colour as written in theme files: `#rrggbb`, `#rgb`, an ANSI name (`red`,
    /// `bright-blue`, also `gray`/`grey` for bright black), a palette index `0`–`255`, or
    /// `default`. Returns nil for anything else.
    package init?(parsing text: String) {
        let lowered = text.lowercased()
        if lowered == "default" || lowered == "reset" || lowered == "none" {
            self = .terminalDefault
            return
        }
        if lowered.hasPrefix("#") {
            let hex = Array(lowered.dropFirst())
            let digits: [Character]
            switch hex.count {
            case 6: digits = hex
            case 3: digits = hex.flatMap { [$0, $0] }
            default: return nil
            }
            var components: [UInt8] = []
            for index in stride(from: 0, to: 6, by: 2) {
                guard let value = UInt8(String(digits[index...index + 1]), radix: 16) else { return nil }
                components.append(value)
            }
            self = .rgb(components[0], components[1], components[2])
            return
        }
        let normalized = lowered.replacingUnderscores()
        if let index = Self.ansiNames.firstIndex(of: normalized) {
            self = .ansi(UInt8(index))
            return
        }
        if normalized == "gray" || normalized == "grey" {
            self = .brightBlack
            return
        }
        if let index = Int(lowered), (0...255).contains(index) {
            self = .indexed(UInt8(index))
            return
        }
        return nil
    }

    package var description: String {
        switch self {
        case .terminalDefault: "default"
        case .ansi(let index): Int(index) < Self.ansiNames.count ? Self.ansiNames[Int(index)] : "ansi\(index)"
        case .indexed(let index): "\(index)"
        case .rgb(let red, let green, let blue): "#" + [red, green, blue].map(Self.hexByte).joined()
        }
    }

    private static func hexByte(_ value: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(value >> 4)], digits[Int(value & 15)]])
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(self.map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
