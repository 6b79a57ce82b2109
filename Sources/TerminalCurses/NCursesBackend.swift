import CNCursesW
import TerminalKit

/// The ncurses backend: draws runs of cells with wide-character curses calls and extended colour
/// pairs, downgrading colours to what the terminal shows.
///
/// Created by `Terminal.open`; only `Terminal` starts and stops curses. Main actor only.
@MainActor
package final class NCursesBackend: Backend {
    package private(set) var size: Size
    package let colorDepth: ColorDepth
    /// The number of colours curses reported (8, 16, 256, or 2^24 for direct colour).
    package let terminalColors: Int
    private let directColor: Bool
    private var pairs: [PairKey: Int32] = [:]
    private var cursorVisible = false
    private var cursor: Point?
    private let attributeBits: [(TextAttributes, attr_t)]

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(size: Size, environment: [String: String]) {
        self.size = size
        var colors = 0
        var direct = false
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(cn_colors())
            direct = tigetflag("RGB") > 0 || colors >= 1 << 24
        }
        self.terminalColors = colors
        self.directColor = direct
        self.colorDepth = ColorDepth.detect(environment: environment, colors: colors, directColor: direct)
        self.attributeBits = [
            (.bold, cn_a_bold()), (.dim, cn_a_dim()), (.italic, cn_a_italic()), (.underline, cn_a_underline()),
            (.reverse, cn_a_reverse()),
        ]
    }

    /// Records the new size after curses resized its screens.
    func updateSize(_ size: Size) {
        self.size = size
    }

    package func draw(_ runs: [CellRun]) {
        var characters = [wchar_t](repeating: 0, count: Int(cn_ccharw_max()) + 1)
        for run in runs {
            var x = run.origin.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation { continue }
                let style = cell.style.downgraded(to: self.colorDepth)
                var attributes = self.attributes(for: style)
                let pair = self.pair(for: style, attributes: &attributes)
                var count = 0
                for scalar in cell.character.unicodeScalars where count < characters.count - 1 {
                    characters[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                characters[count] = 0
                _ = cn_put_cell(Int32(run.origin.y), Int32(x), characters, attributes, pair)
            }
        }
    }

    package func setCursor(_ point: Point?) {
        self.cursor = point
    }

    package func flush() {
        if let cursor = self.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < self.size.width, cursor.y < self.size.height {
            if !self.cursorVisible {
                curs_set(1)
                self.cursorVisible = true
            }
            move(Int32(cursor.y), Int32(cursor.x))
        } else if self.cursorVisible {
            curs_set(0)
            self.cursorVisible = false
        }
        refresh()
    }

    /// Clears curses' idea of the screen so the next refresh repaints everything.
    func clearScreen() {
        clearok(cn_stdscr(), true)
    }

    private func attributes(for style: Style) -> attr_t {
        var attributes = cn_a_normal()
        for (attribute, bit) in self.attributeBits where style.attributes.contains(attribute) {
            attributes |= bit
        }
        return attributes
    }

    private func pair(for style: Style, attributes: inout attr_t) -> Int32 {
        guard self.colorDepth != .monochrome else { return 0 }
        let foreground = self.colorNumber(style.foreground, isForeground: true, attributes: &attributes)
        let background = self.colorNumber(style.background, isForeground: false, attributes: &attributes)
        if foreground == -1 && background == -1 { return 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let pair = self.pairs[key] { return pair }
        let pair = alloc_pair(foreground, background)
        let result = pair > 0 ? pair : 0
        self.pairs[key] = result
        return result
    }

    /// The curses colour number for `color`: -1 for the default, a palette index, or packed RGB on
    /// direct-colour terminals. Bright ANSI colours on 8-colour terminals become bold.
    private func colorNumber(_ color: Color?, isForeground: Bool, attributes: inout attr_t) -> Int32 {
        guard let color else { return -1 }
        switch color {
        case .terminalDefault:
            return -1
        case .ansi(let index):
            if self.directColor && index >= 8 {
                let (red, green, blue) = Color.rgbOfIndexed(index)
                return Self.packed(red, green, blue)
            }
            if self.terminalColors < 16 && index >= 8 {
                if isForeground { attributes |= cn_a_bold() }
                return Int32(index - 8)
            }
            return Int32(index)
        case .indexed(let index):
            if self.directColor {
                if index < 8 { return Int32(index) }
                let (red, green, blue) = Color.rgbOfIndexed(index)
                return Self.packed(red, green, blue)
            }
            return Int32(index)
        case .rgb(let red, let green, let blue):
            return Self.packed(red, green, blue)
        }
    }

    /// 0xRRGGBB, avoiding 0–7, which direct-colour terminfo reserves for the ANSI colours.
    private static func packed(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> Int32 {
        let value = Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
        return value < 8 ? 8 : value
    }
}
