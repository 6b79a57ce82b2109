import TerminalKit

/// Turns what curses reads (characters and already-decoded special keys) into input events.
///
/// Pure and terminal-free, so it is tested directly. It handles what curses leaves to the
/// program: control characters (`ctrl-a` … `ctrl-z`, enter, tab, backspace), ESC followed by a key
/// as alt-key, a lone ESC (held until `flushPendingEscape` unless a key follows), and bracketed
/// paste (`ESC [200~ … ESC [201~`) delivered as one `.paste` event.
struct InputDecoder {
    /// One item read from curses.
    enum Raw: Equatable {
        /// A character code from `wget_wch` (`OK`).
        case scalar(UInt32)
        /// A special key curses decoded (`KEY_CODE_YES`), already mapped.
        case key(Key)
        /// A mouse report.
        case mouse(MouseEvent)
        /// The terminal changed size.
        case resize(Size)
    }

    private var pendingEscape = false
    private var pasting = false
    private var pasteText = ""
    /// Scalars after an ESC that may still become the paste-start sequence `[200~`.
    private var escapeTail: [UInt32] = []

    private static let pasteStart: [UInt32] = Array("[200~".unicodeScalars.map(\.value))
    private static let pasteEnd: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    /// True while a lone ESC waits to learn whether a key follows.
    var hasPendingEscape: Bool { self.pendingEscape }

    /// Decodes one batch (everything curses had ready).
    mutating func feed(_ batch: [Raw]) -> [InputEvent] {
        var events: [InputEvent] = []
        for raw in batch { self.feed(raw, into: &events) }
        return events
    }

    /// The lone ESC, when no key followed it in time.
    mutating func flushPendingEscape() -> [InputEvent] {
        var events: [InputEvent] = []
        if self.pendingEscape {
            self.pendingEscape = false
            events.append(.key(.escape))
            // Characters held as a possible paste start were typed keys after all.
            let tail = self.escapeTail
            self.escapeTail = []
            for (index, scalar) in tail.enumerated() {
                if index == 0, let key = Self.key(for: scalar) {
                    events.removeLast()
                    events.append(.key(Key(key.code, modifiers: key.modifiers.union(.alt))))
                } else if let key = Self.key(for: scalar) {
                    events.append(.key(key))
                }
            }
        }
        return events
    }

    private mutating func feed(_ raw: Raw, into events: inout [InputEvent]) {
        if self.pasting {
            guard case .scalar(let scalar) = raw else { return }
            self.pasteText.unicodeScalars.append(Unicode.Scalar(scalar) ?? "\u{FFFD}")
            let endCount = Self.pasteEnd.count
            let tail = self.pasteText.unicodeScalars.suffix(endCount).map(\.value)
            if tail == Self.pasteEnd {
                var text = self.pasteText
                text.unicodeScalars.removeLast(endCount)
                events.append(.paste(text.replacingCarriageReturns()))
                self.pasteText = ""
                self.pasting = false
            }
            return
        }
        switch raw {
        case .resize(let size):
            events.append(contentsOf: self.flushPendingEscape())
            events.append(.resize(size))
        case .mouse(let mouse):
            events.append(contentsOf: self.flushPendingEscape())
            events.append(.mouse(mouse))
        case .key(let key):
            if self.pendingEscape && self.escapeTail.isEmpty {
                self.pendingEscape = false
                events.append(.key(Key(key.code, modifiers: key.modifiers.union(.alt))))
            } else {
                events.append(contentsOf: self.flushPendingEscape())
                events.append(.key(key))
            }
        case .scalar(let scalar):
            if self.pendingEscape {
                // Maybe the start of a bracketed paste: ESC [ 2 0 0 ~.
                let candidate = self.escapeTail + [scalar]
                if Array(Self.pasteStart.prefix(candidate.count)) == candidate {
                    if candidate.count == Self.pasteStart.count {
                        self.pendingEscape = false
                        self.escapeTail = []
                        self.pasting = true
                    } else {
                        self.escapeTail = candidate
                    }
                    return
                }
                if !self.escapeTail.isEmpty {
                    events.append(contentsOf: self.flushPendingEscape())
                } else {
                    self.pendingEscape = false
                    if scalar == 0x1B {
                        events.append(.key(.escape))
                        self.pendingEscape = true
                        return
                    }
                    if let key = Self.key(for: scalar) {
                        events.append(.key(Key(key.code, modifiers: key.modifiers.union(.alt))))
                    }
                    return
                }
            }
            if scalar == 0x1B {
                self.pendingEscape = true
                return
            }
            if let key = Self.key(for: scalar) { events.append(.key(key)) }
        }
    }

    /// The key for a character code: control codes become named keys or ctrl-letters.
    static func key(for scalar: UInt32) -> Key? {
        switch scalar {
        case 0x09: return .tab
        // Enter sends CR in raw mode (curses' nonl); LF is ctrl-j, which keymaps can bind.
        case 0x0D: return .enter
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .control(" ")
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(scalar + 0x60) else { return nil }
            return .control(Character(letter))
        case 0x1C: return .control("\\")
        case 0x1D: return .control("]")
        case 0x1E: return .control("^")
        case 0x1F: return .control("_")
        default:
            guard let unicode = Unicode.Scalar(scalar), !CharacterWidth.isControl(unicode) else { return nil }
            return .character(Character(unicode))
        }
    }
}

extension String {
    fileprivate func replacingCarriageReturns() -> String {
        var result = ""
        var previousWasReturn = false
        for scalar in self.unicodeScalars {
            if scalar == "\r" {
                result.unicodeScalars.append("\n")
                previousWasReturn = true
                continue
            }
            if scalar == "\n" && previousWasReturn {
                previousWasReturn = false
                continue
            }
            previousWasReturn = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }
}
