/// One screen cell: a character (a whole grapheme cluster, combining marks included) and its style.
///
/// A wide character (width 2) occupies its cell and the next one; that next cell is a
/// *continuation* (`width == 0`) which backends never draw themselves.
package struct Cell: Hashable, Sendable {
    /// What is drawn; `" "` for an empty cell.
    package var character: Character
    package var style: Style
    /// 1 for normal cells, 2 for the first cell of a wide character, 0 for its continuation.
    package var width: UInt8

    package init(_ character: Character, style: Style = .plain, width: UInt8 = 1) {
        self.character = character
        self.style = style
        self.width = width
    }

    /// A space in `style`.
    package static func blank(_ style: Style = .plain) -> Cell {
        Cell(" ", style: style, width: 1)
    }

    /// The right half of a wide character drawn in `style`.
    package static func continuation(_ style: Style) -> Cell {
        Cell(" ", style: style, width: 0)
    }

    /// True for the right half of a wide character.
    package var isContinuation: Bool { self.width == 0 }
}
