/// A key notation that could not be read (`ctrl-`, `hyper-x`, `f99`).
package struct KeyNotationError: Error, CustomStringConvertible, Sendable, Equatable {
    package var notation: String
    package var reason: String

    package init(_ notation: String, _ reason: String) {
        self.notation = notation
        self.reason = reason
    }

    package var description: String { "invalid key \"\(self.notation)\": \(self.reason)" }
}

extension Key {
    /// Reads a key as written in keymap files: optional modifiers `ctrl-`, `alt-`, `shift-`
    /// (also `C-`, `M-`, `A-`, `S-`, `meta-`), then one character or a name: `enter`, `tab`,
    /// `backtab`, `backspace`, `esc`, `space`, `up`, `down`, `left`, `right`, `home`, `end`,
    /// `pageup`, `pagedown`, `insert`, `delete`, `f1`–`f24`, `minus`, `lt`. Letters after `ctrl-`
    /// or `alt-` are case-insensitive; a bare uppercase letter means shift.
    package init(notation: String) throws(KeyNotationError) {
        var rest = Substring(notation)
        var modifiers: KeyModifiers = []
        let prefixes: [(String, KeyModifiers)] = [
            ("ctrl-", .control), ("control-", .control), ("c-", .control), ("alt-", .alt), ("meta-", .alt), ("m-", .alt),
            ("a-", .alt), ("shift-", .shift), ("s-", .shift),
        ]
        var matched = true
        while matched && rest.count > 1 {
            matched = false
            for (prefix, modifier) in prefixes where rest.lowercased().hasPrefix(prefix) && rest.count > prefix.count {
                modifiers.insert(modifier)
                rest = rest.dropFirst(prefix.count)
                matched = true
                break
            }
        }
        guard !rest.isEmpty else { throw KeyNotationError(notation, "no key after the modifiers") }
        if rest.count == 1, let character = rest.first {
            guard !CharacterWidth.isControl(character.unicodeScalars.first ?? " ") else {
                throw KeyNotationError(notation, "control characters are written as ctrl-LETTER")
            }
            self.init(.character(character), modifiers: modifiers)
            return
        }
        let name = rest.lowercased()
        let code: Code
        switch name {
        case "enter", "return", "ret", "cr": code = .enter
        case "tab": code = .tab
        case "backtab": code = .backTab
        case "backspace", "bs": code = .backspace
        case "esc", "escape": code = .escape
        case "space", "spc": code = .character(" ")
        case "up": code = .up
        case "down": code = .down
        case "left": code = .left
        case "right": code = .right
        case "home": code = .home
        case "end": code = .end
        case "pageup", "pgup": code = .pageUp
        case "pagedown", "pgdn", "pgdown": code = .pageDown
        case "insert", "ins": code = .insert
        case "delete", "del": code = .delete
        case "minus": code = .character("-")
        case "lt": code = .character("<")
        case "gt": code = .character(">")
        default:
            if name.hasPrefix("f"), let number = Int(name.dropFirst()), (1...24).contains(number) {
                code = .function(number)
            } else {
                throw KeyNotationError(notation, "unknown key name \"\(rest)\"")
            }
        }
        self.init(code, modifiers: modifiers)
    }

    /// The canonical notation (`ctrl-x`, `alt-enter`, `G`, `space`, `f5`), which reads back to
    /// the same key.
    package var notation: String {
        var prefix = ""
        if self.modifiers.contains(.control) { prefix += "ctrl-" }
        if self.modifiers.contains(.alt) { prefix += "alt-" }
        if self.modifiers.contains(.shift) { prefix += "shift-" }
        let name: String
        switch self.code {
        case .character(" "): name = "space"
        case .character("-") where !prefix.isEmpty: name = "minus"
        case .character(let character): name = String(character)
        case .enter: name = "enter"
        case .tab: name = "tab"
        case .backTab: name = "backtab"
        case .backspace: name = "backspace"
        case .escape: name = "esc"
        case .up: name = "up"
        case .down: name = "down"
        case .left: name = "left"
        case .right: name = "right"
        case .home: name = "home"
        case .end: name = "end"
        case .pageUp: name = "pageup"
        case .pageDown: name = "pagedown"
        case .insert: name = "insert"
        case .delete: name = "delete"
        case .function(let number): name = "f\(number)"
        }
        return prefix + name
    }

    /// Reads a space-separated key sequence (`g g`, `ctrl-x ctrl-s`).
    package static func sequence(notation: String) throws(KeyNotationError) -> [Key] {
        let parts = notation.split(separator: " ", omittingEmptySubsequences: true)
        guard !parts.isEmpty else { throw KeyNotationError(notation, "empty key sequence") }
        var keys: [Key] = []
        for part in parts { keys.append(try Key(notation: String(part))) }
        return keys
    }

    /// A sequence in canonical notation.
    package static func notation(of sequence: [Key]) -> String {
        sequence.map(\.notation).joined(separator: " ")
    }
}
