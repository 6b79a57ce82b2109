/// Something the terminal reported: a key, a mouse action, a new size, or pasted text.
package enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(Size)
    /// Text inserted as one unit (bracketed paste), never interpreted as key bindings.
    case paste(String)
}
