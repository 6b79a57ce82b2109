/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        case press(button: Int)
        case release(button: Int)
        case click(button: Int)
        case doubleClick(button: Int)
        case scrollUp
        case scrollDown
    }

    public var kind: Kind
    public var position: Point
    public var modifiers: KeyModifiers

    public init(_ kind: Kind, at position: Point, modifiers: KeyModifiers = []) {
        self.kind = kind
        self.position = position
        self.modifiers = modifiers
    }
}
