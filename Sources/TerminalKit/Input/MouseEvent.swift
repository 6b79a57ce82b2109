/// A mouse action at a cell.
package struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    package enum Kind: Hashable, Sendable {
        case press(button: Int)
        case release(button: Int)
        case click(button: Int)
        case doubleClick(button: Int)
        case scrollUp
        case scrollDown
    }

    package var kind: Kind
    package var position: Point
    package var modifiers: KeyModifiers

    package init(_ kind: Kind, at position: Point, modifiers: KeyModifiers = []) {
        self.kind = kind
        self.position = position
        self.modifiers = modifiers
    }
}
