import TerminalKit
import Workspace

extension ActionRegistry {
    /// The workbench's actions. A new pane (a changeset review pane, say) adds its own list of
    /// descriptors in a file of its own and appends it here; keymaps may then bind its ids in
    /// its own keymap context (see `KeyContext.standard`).
    package static let standard: ActionRegistry = {
        typealias U = WorkbenchUpdate
        let noEngine: @Sendable (WorkbenchState) -> String? = { state in
            state.engine.info == nil ? "the engine is not connected" : nil
        }
        let noFile: @Sendable (WorkbenchState) -> String? = { state in
            state.viewer.path == nil || state.mainMode != .file ? "no file is open" : nil
        }
        let list: [KeyContext] = [.tree, .viewer, .memory, .list, .help, .chat]
        let editing: [KeyContext] = [.composer, .input]
        return ActionRegistry([
            // MARK: Workbench
            ActionDescriptor("quit", "Quit seam", category: "Workbench") { state in
                state.quitRequested = true
                return []
            },
            ActionDescriptor("cancel", "Cancel: close the popup, stop the answer, clear keys", category: "Workbench",
                             contexts: [.list, .input, .composer, .help, .global]) { U.cancel(&$0) },
            ActionDescriptor("openPalette", "Command palette", category: "Workbench") { U.openOverlay(.palette(PaletteState()), &$0) },
            ActionDescriptor("showHelp", "Help: the keys of this keymap", category: "Workbench") { U.openOverlay(.help(HelpState()), &$0) },
            ActionDescriptor("selectTheme", "Switch theme…", category: "Workbench") { _ in [.listChoices(.theme)] },
            ActionDescriptor("selectKeymap", "Switch keymap…", category: "Workbench") { _ in [.listChoices(.keymap)] },
            ActionDescriptor("toggleMouse", "Turn mouse support on or off", category: "Workbench") { state in
                state.mouseEnabled.toggle()
                return [.setMouse(state.mouseEnabled)] + U.notify(.info, "mouse \(state.mouseEnabled ? "on" : "off")", &state)
            },
            ActionDescriptor("refresh", "Reload the tree, git status and instruction files", category: "Workbench") { U.refresh(&$0) },
            ActionDescriptor("reconnectEngine", "Reconnect to the engine", category: "Workbench") { state in
                state.engine = .connecting("reconnecting…")
                return [.connectEngine]
            },

            // MARK: Layout
            ActionDescriptor("focusNextPane", "Focus the next pane", category: "Layout") { U.focus(U.nextPane(after: $0.focus, $0), &$0) },
            ActionDescriptor("focusPreviousPane", "Focus the previous pane", category: "Layout") { state in
                U.focus(state.layout.previous(before: state.focus), &state)
            },
            ActionDescriptor("focusTree", "Focus the file tree", category: "Layout") { U.focus(WorkbenchLayout.tree, &$0) },
            ActionDescriptor("focusMain", "Focus the main view", category: "Layout") { U.focus(WorkbenchLayout.main, &$0) },
            ActionDescriptor("focusChat", "Focus the chat", category: "Layout") { U.focus(WorkbenchLayout.chat, &$0) },
            ActionDescriptor("focusMemory", "Focus the memory pane", category: "Layout") { U.focus(WorkbenchLayout.memory, &$0) },
            ActionDescriptor("focusLeft", "Focus the pane to the left", category: "Layout") { U.focusDirection(.left, &$0) },
            ActionDescriptor("focusRight", "Focus the pane to the right", category: "Layout") { U.focusDirection(.right, &$0) },
            ActionDescriptor("focusUp", "Focus the pane above", category: "Layout") { U.focusDirection(.up, &$0) },
            ActionDescriptor("focusDown", "Focus the pane below", category: "Layout") { U.focusDirection(.down, &$0) },
            ActionDescriptor("zoomPane", "Zoom the focused pane (or unzoom)", category: "Layout") { state in
                state.layout.toggleZoom(state.focus)
                return []
            },
            ActionDescriptor("growPane", "Widen the focused pane", category: "Layout") { U.resizePane(.horizontal, 4, &$0) },
            ActionDescriptor("shrinkPane", "Narrow the focused pane", category: "Layout") { U.resizePane(.horizontal, -4, &$0) },
            ActionDescriptor("growPaneVertically", "Make the focused pane taller", category: "Layout") { U.resizePane(.vertical, 2, &$0) },
            ActionDescriptor("shrinkPaneVertically", "Make the focused pane shorter", category: "Layout") { U.resizePane(.vertical, -2, &$0) },
            ActionDescriptor("resetLayout", "Reset the pane sizes", category: "Layout") { state in
                state.layout = WorkbenchLayout.standard
                return []
            },

            // MARK: Lists and scrolling
            ActionDescriptor("moveUp", "Move up", category: "Navigation", contexts: list) { U.move(by: -1, &$0) },
            ActionDescriptor("moveDown", "Move down", category: "Navigation", contexts: list) { U.move(by: 1, &$0) },
            ActionDescriptor("pageUp", "Page up", category: "Navigation", contexts: list) { U.move(by: -U.pageSize($0), &$0) },
            ActionDescriptor("pageDown", "Page down", category: "Navigation", contexts: list) { U.move(by: U.pageSize($0), &$0) },
            ActionDescriptor("moveToTop", "Go to the top", category: "Navigation", contexts: list) { U.move(by: Int.min / 2, &$0) },
            ActionDescriptor("moveToBottom", "Go to the bottom", category: "Navigation", contexts: list) { U.move(by: Int.max / 2, &$0) },
            ActionDescriptor("accept", "Open or choose the selected item", category: "Navigation", contexts: [.tree, .list, .input, .memory]) {
                U.accept(&$0)
            },

            // MARK: Tree
            ActionDescriptor("expand", "Expand the directory (or open the file)", category: "Tree", contexts: [.tree]) { U.treeExpand(&$0) },
            ActionDescriptor("collapse", "Collapse the directory (or go to its parent)", category: "Tree", contexts: [.tree]) {
                U.treeCollapse(&$0)
            },
            ActionDescriptor("toggleHidden", "Show or hide hidden files", category: "Tree", contexts: [.tree]) { state in
                state.tree.tree.filter.showHidden.toggle()
                return U.notify(.info, state.tree.tree.filter.showHidden ? "showing hidden files" : "hiding hidden files", &state)
            },
            ActionDescriptor("toggleIgnored", "Show or hide ignored files", category: "Tree", contexts: [.tree]) { state in
                state.tree.tree.filter.showIgnored.toggle()
                return U.notify(.info, state.tree.tree.filter.showIgnored ? "showing ignored files" : "hiding ignored files", &state)
            },
            ActionDescriptor("mentionFile", "Mention this file in the chat (@path)", category: "Chat", contexts: [.tree, .viewer]) {
                U.mentionCurrentFile(&$0)
            },

            // MARK: Finding
            ActionDescriptor("openFinder", "Find a file by name", category: "Find") { state in
                var commands = U.openOverlay(.finder(FinderState()), &state)
                if state.fileIndex.count == 0 && !state.fileIndex.isLoading {
                    state.fileIndex.isLoading = true
                    commands.append(.loadFileIndex)
                }
                return commands + [.findFiles(query: "")]
            },
            ActionDescriptor("openSearch", "Search file contents", category: "Find") { state in
                U.openOverlay(.search(state.lastSearch), &state)
            },
            ActionDescriptor("toggleRegex", "Search with a regular expression (or literally)", category: "Find", contexts: [.list]) {
                U.toggleRegex(&$0)
            },
            ActionDescriptor("findInFile", "Find in this file", category: "Viewer", contexts: [.viewer], disabledReason: noFile) { state in
                U.openOverlay(.prompt(PromptState(kind: .findInFile, text: state.viewer.searchText ?? "")), &state)
            },
            ActionDescriptor("findNext", "Next match in this file", category: "Viewer", contexts: [.viewer], disabledReason: noFile) {
                U.findNext(forward: true, &$0)
            },
            ActionDescriptor("findPrevious", "Previous match in this file", category: "Viewer", contexts: [.viewer], disabledReason: noFile) {
                U.findNext(forward: false, &$0)
            },
            ActionDescriptor("goToLine", "Go to a line", category: "Viewer", contexts: [.viewer], disabledReason: noFile) { state in
                U.openOverlay(.prompt(PromptState(kind: .goToLine)), &state)
            },
            ActionDescriptor("scrollLeft", "Scroll left", category: "Viewer", contexts: [.viewer]) { state in
                state.viewer.horizontalScroll = max(0, state.viewer.horizontalScroll - 8)
                return []
            },
            ActionDescriptor("scrollRight", "Scroll right", category: "Viewer", contexts: [.viewer]) { state in
                state.viewer.horizontalScroll += 8
                return []
            },

            // MARK: Chat
            ActionDescriptor("sendMessage", "Send the message", category: "Chat", contexts: [.composer], disabledReason: noEngine) {
                U.sendMessage(&$0)
            },
            ActionDescriptor("insertNewline", "New line in the message", category: "Chat", contexts: [.composer]) { state in
                U.editComposer(&state) { $0.insertNewline() }
            },
            ActionDescriptor("cancelGeneration", "Stop the answer", category: "Chat", contexts: [.chat, .composer]) { U.cancelGeneration(&$0) },
            ActionDescriptor("historyPrevious", "Previous message from history", category: "Chat", contexts: [.composer]) {
                U.history(step: -1, &$0)
            },
            ActionDescriptor("historyNext", "Next message from history", category: "Chat", contexts: [.composer]) { U.history(step: 1, &$0) },
            ActionDescriptor("completeMention", "Complete the @path being typed (else focus the next pane)", category: "Chat", contexts: [.composer]) { state in
                if state.chat.mention?.candidates.isEmpty == false { return U.completeMention(&state) }
                return U.focus(U.nextPane(after: state.focus, state), &state)
            },
            ActionDescriptor("toggleReasoning", "Show or fold the model's reasoning", category: "Chat", contexts: [.chat, .composer]) { state in
                state.chat.showReasoning.toggle()
                return []
            },
            ActionDescriptor("scrollChatUp", "Scroll the chat up", category: "Chat", contexts: [.chat, .composer]) { state in
                state.chat.scrollFromBottom += max(1, WorkbenchLayout.contentHeight(WorkbenchLayout.chat, state) / 2)
                return []
            },
            ActionDescriptor("scrollChatDown", "Scroll the chat down", category: "Chat", contexts: [.chat, .composer]) { state in
                state.chat.scrollFromBottom = max(0, state.chat.scrollFromBottom - max(1, WorkbenchLayout.contentHeight(WorkbenchLayout.chat, state) / 2))
                return []
            },
            ActionDescriptor("newConversation", "Start a new conversation", category: "Chat") { U.newConversation(&$0) },
            ActionDescriptor("resumeConversation", "Resume a saved conversation…", category: "Chat") { _ in [.listChoices(.conversation)] },

            // MARK: Memory
            ActionDescriptor("addNote", "Pin a note to the context", category: "Memory", contexts: [.memory]) { state in
                U.openOverlay(.prompt(PromptState(kind: .addNote)), &state)
            },
            ActionDescriptor("removeNote", "Unpin the selected note", category: "Memory", contexts: [.memory], disabledReason: { state in
                state.memory.notes.isEmpty ? "there are no pinned notes" : nil
            }) { U.removeNote(&$0) },

            // MARK: Text editing
            ActionDescriptor("cursorLeft", "Cursor left", category: "Editing", contexts: editing) { U.edit(&$0, field: { $0.moveLeft() }, buffer: { $0.moveLeft() }) },
            ActionDescriptor("cursorRight", "Cursor right", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.moveRight() }, buffer: { $0.moveRight() })
            },
            ActionDescriptor("cursorUp", "Cursor up (history on the first line)", category: "Editing", contexts: [.composer]) { U.composerVertical(-1, &$0) },
            ActionDescriptor("cursorDown", "Cursor down (history on the last line)", category: "Editing", contexts: [.composer]) { U.composerVertical(1, &$0) },
            ActionDescriptor("cursorLineStart", "Cursor to the start of the line", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.moveToStart() }, buffer: { $0.moveToLineStart() })
            },
            ActionDescriptor("cursorLineEnd", "Cursor to the end of the line", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.moveToEnd() }, buffer: { $0.moveToLineEnd() })
            },
            ActionDescriptor("deleteBackward", "Delete the character before the cursor", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.deleteBackward() }, buffer: { $0.deleteBackward() })
            },
            ActionDescriptor("deleteForward", "Delete the character under the cursor", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.deleteForward() }, buffer: { $0.deleteForward() })
            },
            ActionDescriptor("deleteWordBackward", "Delete the word before the cursor", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.deleteWordBackward() }, buffer: { $0.deleteWordBackward() })
            },
            ActionDescriptor("deleteToLineEnd", "Delete to the end of the line", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.deleteToEnd() }, buffer: { $0.deleteToLineEnd() })
            },
            ActionDescriptor("clearInput", "Clear the text", category: "Editing", contexts: editing) {
                U.edit(&$0, field: { $0.set("") }, buffer: { $0 = TextBuffer() })
            },
        ] + ReviewActions.descriptors + MigrationActions.descriptors)
    }()
}
