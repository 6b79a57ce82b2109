/// One key press: a key code and the modifiers held.
///
/// Normalised so that equal presses compare equal however they were written or read: shifted
/// letters are the uppercase character without `.shift`; control letters are lowercase with
/// `.control`; shift-tab is `.backTab`.
package struct Key: Hashable, Sendable, CustomStringConvertible {
    /// What was pressed.
    package enum Code: Hashable, Sendable {
        case character(Character)
        case enter, tab, backTab, backspace, escape
        case up, down, left, right
        case home, end, pageUp, pageDown, insert, delete
        case function(Int)
    }

    package var code: Code
    package var modifiers: KeyModifiers

    package init(_ code: Code, modifiers: KeyModifiers = []) {
        var code = code
        var modifiers = modifiers
        if case .character(let character) = code {
            if modifiers.contains(.shift), character.isLetter, character.isLowercase {
                code = .character(Character(character.uppercased()))
                modifiers.remove(.shift)
            } else if modifiers.contains(.shift), !character.isLetter {
                modifiers.remove(.shift)
            }
            if modifiers.contains(.control), character.isLetter, character.isUppercase {
                code = .character(Character(character.lowercased()))
            }
        }
        if code == .tab && modifiers.contains(.shift) {
            code = .backTab
            modifiers.remove(.shift)
        }
        self.code = code
        self.modifiers = modifiers
    }

    /// A plain character key.
    package static func character(_ character: Character) -> Key {
        Key(.character(character))
    }

    /// Control plus a character (`ctrl-c`).
    package static func control(_ character: Character) -> Key {
        Key(.character(character), modifiers: .control)
    }

    /// Alt plus a character (`alt-x`).
    package static func alt(_ character: Character) -> Key {
        Key(.character(character), modifiers: .alt)
    }

    package static let enter = Key(.enter)
    package static let tab = Key(.tab)
    package static let backTab = Key(.backTab)
    package static let backspace = Key(.backspace)
    package static let escape = Key(.escape)
    package static let up = Key(.up)
    package static let down = Key(.down)
    package static let left = Key(.left)
    package static let right = Key(.right)

    /// The character this key types into a text field: a character without control or alt.
    package var typedCharacter: Character? {
        guard case .character(let character) = self.code, self.modifiers.isDisjoint(with: [.control, .alt]) else {
            return nil
        }
        return character
    }

    package var description: String { self.notation }
}
