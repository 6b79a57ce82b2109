import TerminalKit
import Workspace

extension WorkbenchUpdate {
    /// The keymap contexts that apply now, most specific first.
    package static func activeContexts(_ state: WorkbenchState) -> [KeyContext] {
        if let overlay = state.topOverlay {
            switch overlay {
            case .help: return [.help, .global]
            case .prompt: return [.input, .global]
            case .palette, .finder, .search, .picker: return [.list, .input, .global]
            }
        }
        switch state.focus {
        case WorkbenchLayout.tree: return [.tree, .global]
        case WorkbenchLayout.main:
            switch state.mainMode {
            case .review: return [.review, .global]
            case .migration: return [.migration, .global]
            default: return [.viewer, .global]
            }
        case WorkbenchLayout.chat: return [.composer, .chat, .global]
        case WorkbenchLayout.memory: return [.memory, .global]
        default: return [KeyContext(state.focus.rawValue), .global]
        }
    }

    /// True when printable keys type text (the composer, or a popup with a text field).
    package static func isTyping(_ state: WorkbenchState) -> Bool {
        if let overlay = state.topOverlay { return overlay.takesText }
        return state.focus == WorkbenchLayout.chat
    }

    static func handleInput(_ event: InputEvent, _ state: inout WorkbenchState) -> [Command] {
        switch event {
        case .key(let key):
            return self.handleKey(key, &state)
        case .paste(let text):
            return self.insertText(text, &state)
        case .mouse(let mouse):
            return self.handleMouse(mouse, &state)
        case .resize(let size):
            return self.apply(resize: size, &state)
        }
    }

    private static func apply(resize size: Size, _ state: inout WorkbenchState) -> [Command] {
        state.size = size
        return []
    }

    /// Routes a key: text fields take printable keys; everything else goes through the keymap,
    /// which may be waiting for the rest of a multi-key sequence.
    package static func handleKey(_ key: Key, _ state: inout WorkbenchState) -> [Command] {
        let contexts = self.activeContexts(state)
        if state.pendingKeys.isEmpty, self.isTyping(state), let character = key.typedCharacter {
            // Only the text contexts' own bindings may claim a printable key.
            let textContexts = contexts.filter { $0 != .global }
            if case .matched(let action) = state.keymap.lookup([key], in: textContexts) {
                return self.perform(action, &state)
            }
            return self.insertText(String(character), &state)
        }
        let keys = state.pendingKeys + [key]
        switch state.keymap.lookup(keys, in: contexts) {
        case .matched(let action):
            state.pendingKeys = []
            return self.perform(action, &state)
        case .pending:
            state.pendingKeys = keys
            return []
        case .notFound:
            let hadPending = !state.pendingKeys.isEmpty
            state.pendingKeys = []
            if hadPending && key != .escape {
                return self.notify(.info, "\(Key.notation(of: keys)) is not bound", &state)
            }
            return []
        }
    }

    /// Types `text` into whatever takes text now.
    package static func insertText(_ text: String, _ state: inout WorkbenchState) -> [Command] {
        if state.topOverlay != nil {
            return self.editOverlayField(&state) { $0.insert(text) }
        }
        if state.focus == WorkbenchLayout.chat {
            return self.editComposer(&state) { $0.insert(text) }
        }
        return []
    }

    // MARK: - Mouse

    static func handleMouse(_ mouse: MouseEvent, _ state: inout WorkbenchState) -> [Command] {
        guard state.mouseEnabled else { return [] }
        if state.topOverlay != nil {
            return self.handleOverlayMouse(mouse, &state)
        }
        let frames = WorkbenchLayout.frames(state)
        guard let (pane, frame) = frames.first(where: { $0.value.contains(mouse.position) }) else { return [] }
        let content = WorkbenchLayout.content(of: frame)
        switch mouse.kind {
        case .scrollUp, .scrollDown:
            let step = mouse.kind == .scrollUp ? -3 : 3
            let previousFocus = state.focus
            state.focus = pane
            let commands = pane == WorkbenchLayout.chat ? self.scrollChat(by: -step, &state) : self.move(by: step, &state)
            state.focus = previousFocus
            return commands
        case .press(button: 1), .click(button: 1), .doubleClick(button: 1):
            var commands = self.focus(pane, &state)
            let row = mouse.position.y - content.y
            guard content.contains(mouse.position) else { return commands }
            if pane == WorkbenchLayout.tree {
                let index = state.tree.scroll + row
                if index < state.tree.tree.rows.count {
                    let wasSelected = state.tree.selectedIndex == index
                    state.tree.select(index: index)
                    if wasSelected || mouse.kind == .doubleClick(button: 1) { commands += self.accept(&state) }
                }
            } else if pane == WorkbenchLayout.main, state.mainMode == .file {
                state.viewer.moveCursor(to: state.viewer.scroll + row, height: self.viewerHeight(state))
            } else if pane == WorkbenchLayout.main, state.mainMode == .review {
                commands += ReviewUpdate.click(at: mouse.position, &state)
            } else if pane == WorkbenchLayout.memory {
                commands += []
            }
            return commands
        default:
            return []
        }
    }

    private static func handleOverlayMouse(_ mouse: MouseEvent, _ state: inout WorkbenchState) -> [Command] {
        switch mouse.kind {
        case .scrollUp: return self.move(by: -3, &state)
        case .scrollDown: return self.move(by: 3, &state)
        case .press(button: 1), .click(button: 1), .doubleClick(button: 1):
            guard let layout = OverlayGeometry.listRows(state), layout.contains(mouse.position) else { return [] }
            let row = mouse.position.y - layout.y
            let offset = OverlayGeometry.listScroll(state)
            self.setOverlaySelection(offset + row, &state)
            return self.accept(&state)
        default:
            return []
        }
    }

    static func scrollChat(by rows: Int, _ state: inout WorkbenchState) -> [Command] {
        state.chat.scrollFromBottom = max(0, state.chat.scrollFromBottom + rows)
        return []
    }
}
