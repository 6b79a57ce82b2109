/// The characters a box border is drawn with.
package struct BorderStyle: Hashable, Sendable {
    package var horizontal: Character
    package var vertical: Character
    package var topLeft: Character
    package var topRight: Character
    package var bottomLeft: Character
    package var bottomRight: Character

    package init(
        horizontal: Character, vertical: Character, topLeft: Character, topRight: Character, bottomLeft: Character,
        bottomRight: Character
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
    }

    /// Thin lines: `┌─┐│└┘`.
    package static let light = BorderStyle(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘")
    /// Rounded corners: `╭─╮│╰╯`.
    package static let rounded = BorderStyle(
        horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯")
    /// Heavy lines, used for the focused pane: `┏━┓┃┗┛`.
    package static let heavy = BorderStyle(
        horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛")
    /// Double lines: `╔═╗║╚╝`.
    package static let double = BorderStyle(
        horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝")
    /// Plain ASCII for terminals without line drawing: `+-+|++`.
    package static let ascii = BorderStyle(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+")
}

extension Canvas {
    /// Draws a border around `rect` with an optional title in the top edge (`┌ Title ─┐`) and an
    /// optional right-aligned note in the bottom edge, and returns the inner rectangle.
    @discardableResult
    package mutating func drawBox(
        _ rect: Rect, border: BorderStyle, style: Style, title: [Span] = [], footer: [Span] = []
    ) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return .zero }
        let horizontal = String(repeating: String(border.horizontal), count: rect.width - 2)
        self.write(String(border.topLeft) + horizontal + String(border.topRight), at: rect.origin, style: style)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            self.write(String(border.vertical), at: Point(x: rect.x, y: y), style: style)
            self.write(String(border.vertical), at: Point(x: rect.maxX - 1, y: y), style: style)
        }
        self.write(
            String(border.bottomLeft) + horizontal + String(border.bottomRight), at: Point(x: rect.x, y: rect.maxY - 1),
            style: style)
        if !title.isEmpty && rect.width > 4 {
            let room = rect.width - 4
            self.write([Span(" ")] + title + [Span(" ")], at: Point(x: rect.x + 1, y: rect.y), base: style, maxWidth: room + 2)
        }
        if !footer.isEmpty && rect.width > 6 {
            let width = min(footer.width + 2, rect.width - 4)
            self.write(
                [Span(" ")] + footer + [Span(" ")], at: Point(x: rect.maxX - 2 - width, y: rect.maxY - 1), base: style,
                maxWidth: width)
        }
        return rect.inset(by: 1)
    }
}
