import TerminalKit
import Workspace

extension WorkbenchUpdate {
    /// Moves the selection of the top popup or the focused pane by `delta` rows (clamped; huge
    /// values go to the top or bottom).
    package static func move(by delta: Int, _ state: inout WorkbenchState) -> [Command] {
        if let overlay = state.topOverlay {
            if case .help(var help) = overlay {
                help.scroll = max(0, min(help.scroll.addingClamped(delta), max(0, HelpContent.lineCount(state) - 1)))
                state.overlays[state.overlays.count - 1] = .help(help)
                return []
            }
            self.setOverlaySelection(self.overlaySelection(state).addingClamped(delta), &state)
            return []
        }
        if state.focus == WorkbenchLayout.chat, var mention = state.chat.mention, !mention.candidates.isEmpty {
            mention.selection = max(0, min(mention.selection.addingClamped(delta), mention.candidates.count - 1))
            state.chat.mention = mention
            return []
        }
        switch state.focus {
        case WorkbenchLayout.tree:
            state.tree.select(index: state.tree.selectedIndex.addingClamped(delta))
            state.tree.keepSelectionVisible(height: WorkbenchLayout.contentHeight(WorkbenchLayout.tree, state))
        case WorkbenchLayout.main:
            if state.mainMode == .file {
                state.viewer.moveCursor(to: state.viewer.cursorLine.addingClamped(delta), height: self.viewerHeight(state))
            } else if state.mainMode == .review {
                return ReviewUpdate.scroll(delta, &state)
            } else if state.mainMode == .migration {
                return MigrationUpdate.move(delta, &state)
            }
        case WorkbenchLayout.chat:
            return self.scrollChat(by: -delta, &state)
        case WorkbenchLayout.memory:
            // Single steps choose a note; pages (and steps without notes) scroll the pane.
            if !state.memory.notes.isEmpty && abs(delta) == 1 {
                state.memory.selectedNote = max(0, min(state.memory.selectedNote + delta, state.memory.notes.count - 1))
            } else {
                state.memory.scroll = max(0, min(state.memory.scroll.addingClamped(delta), 200))
            }
        default:
            break
        }
        return []
    }

    /// Enter: open the selected tree entry, choose the popup's selection, answer a prompt.
    package static func accept(_ state: inout WorkbenchState) -> [Command] {
        if let overlay = state.topOverlay {
            return self.acceptOverlay(overlay, &state)
        }
        if state.focus == WorkbenchLayout.tree {
            guard let row = state.tree.selectedRow else { return [] }
            if row.isExpandable {
                return state.tree.tree.toggle(row.path) ? [.loadDirectory(row.path)] : []
            }
            if row.isOpenable { return self.openFile(row.path, line: nil, &state) }
            return self.notify(.info, "\(row.name) cannot be opened", &state)
        }
        return []
    }

    /// Expands the selected directory, or opens the selected file.
    package static func treeExpand(_ state: inout WorkbenchState) -> [Command] {
        guard let row = state.tree.selectedRow else { return [] }
        if row.isExpandable {
            if row.isExpanded {
                state.tree.select(index: state.tree.selectedIndex + 1)
                return []
            }
            return state.tree.tree.expand(row.path) ? [.loadDirectory(row.path)] : []
        }
        return row.isOpenable ? self.openFile(row.path, line: nil, &state) : []
    }

    /// Collapses the selected directory, or selects the parent directory.
    package static func treeCollapse(_ state: inout WorkbenchState) -> [Command] {
        guard let row = state.tree.selectedRow else { return [] }
        if row.isExpandable && row.isExpanded {
            state.tree.tree.collapse(row.path)
        } else if let parent = state.tree.tree.parentIndex(of: state.tree.selectedIndex) {
            state.tree.select(index: parent)
        }
        state.tree.keepSelectionVisible(height: WorkbenchLayout.contentHeight(WorkbenchLayout.tree, state))
        return []
    }

    /// Opens `path` in the viewer (at 1-based `line` when given), reveals it in the tree and
    /// shows the instruction files of its directory.
    package static func openFile(_ path: String, line: Int?, _ state: inout WorkbenchState) -> [Command] {
        var commands: [Command] = []
        if state.viewer.path != path || state.mainMode != .file || state.viewer.error != nil {
            let search = state.viewer.searchText
            state.viewer = ViewerState()
            state.viewer.path = path
            state.viewer.isLoading = true
            state.viewer.searchText = search
            commands.append(.loadFile(path))
        }
        state.mainMode = .file
        if let line {
            if state.viewer.isLoading {
                state.viewer.pendingLine = line - 1
            } else {
                state.viewer.moveCursor(to: line - 1, height: self.viewerHeight(state))
                state.viewer.centerCursor(height: self.viewerHeight(state))
            }
        }
        for directory in state.tree.tree.reveal(path) { commands.append(.loadDirectory(directory)) }
        state.tree.selectedPath = path
        state.tree.keepSelectionVisible(height: WorkbenchLayout.contentHeight(WorkbenchLayout.tree, state))
        let directory = RelativePath.parent(path)
        if directory != state.memory.directory {
            state.memory.directory = directory
            commands.append(.loadMemorySources(directory: directory))
        }
        return commands
    }

    /// Jumps to the next or previous match of the in-file search.
    package static func findNext(forward: Bool, _ state: inout WorkbenchState) -> [Command] {
        guard state.viewer.searchText != nil else {
            return self.openOverlay(.prompt(PromptState(kind: .findInFile)), &state)
        }
        guard let match = state.viewer.nextMatch(forward: forward) else {
            return self.notify(.info, "no match for \"\(state.viewer.searchText ?? "")\"", &state)
        }
        state.viewer.moveCursor(to: match.line, height: self.viewerHeight(state))
        if match.column < state.viewer.horizontalScroll { state.viewer.horizontalScroll = 0 }
        return []
    }

    /// Puts `@path` of the selected tree file or the open file into the composer.
    package static func mentionCurrentFile(_ state: inout WorkbenchState) -> [Command] {
        let path: String?
        if state.focus == WorkbenchLayout.tree, let row = state.tree.selectedRow, row.isOpenable {
            path = row.path
        } else {
            path = state.mainMode == .file ? state.viewer.path : nil
        }
        guard let path else { return self.notify(.info, "select a file first", &state) }
        state.focus = WorkbenchLayout.chat
        var text = "@" + path + " "
        if let last = state.chat.composer.lines.last, !last.isEmpty, !last.hasSuffix(" ") { text = " " + text }
        state.chat.composer.insert(text)
        return []
    }
}

extension Int {
    /// `self + delta`, saturating instead of overflowing.
    func addingClamped(_ delta: Int) -> Int {
        let (result, overflow) = self.addingReportingOverflow(delta)
        if overflow { return delta > 0 ? Int.max : Int.min }
        return result
    }
}
