import TerminalKit
import Workspace

/// The workbench's update function: the only code that changes `WorkbenchState`. Pure: it returns
/// the effects to run as `Command`s, so tests drive it with messages and check the state and the
/// commands without a terminal, an engine or a disk.
package enum WorkbenchUpdate {
    /// The effects to run when the workbench starts.
    package static func start(_ state: inout WorkbenchState) -> [Command] {
        state.engine = .connecting("connecting to the engine…")
        return [
            .connectEngine, .loadDirectory(""), .loadGitStatus, .loadLatestConversation, .loadNotes,
            .loadMemorySources(directory: ""),
        ]
    }

    /// Applies `msg` and returns the effects it calls for.
    package static func update(_ state: inout WorkbenchState, _ msg: Msg) -> [Command] {
        var commands = self.apply(msg, &state)
        commands += MigrationUpdate.afterUpdate(&state)
        commands += self.afterUpdate(&state)
        return commands
    }

    private static func apply(_ msg: Msg, _ state: inout WorkbenchState) -> [Command] {
        switch msg {
        case .inputReceived(let event):
            return self.handleInput(event, &state)
        case .resized(let size):
            state.size = size
            state.tree.keepSelectionVisible(height: WorkbenchLayout.contentHeight(WorkbenchLayout.tree, state))
            state.viewer.keepCursorVisible(height: self.viewerHeight(state))
            return []
        case .actionInvoked(let action):
            return self.perform(action, &state)
        case .overlayDismissed:
            if !state.overlays.isEmpty { state.overlays.removeLast() }
            return []

        // MARK: Engine
        case .engineProgressed(let text):
            // Progress reports can arrive after the connection finished; they must not undo it.
            if state.engine.info == nil { state.engine = .connecting(text) }
            return []
        case .engineConnected(let info):
            state.engine = .ready(info)
            // The status bar says when the model is the bundled demo for as long as it is loaded.
            return [.loadEngineState] + MigrationUpdate.engineConnected(&state)
        case .engineFailed(let message):
            state.engine = .failed(message)
            return MigrationUpdate.engineFailed(message, &state) + self.notify(.error, "engine: \(message)", &state)
        case .engineStateLoaded(let summary):
            state.memory.engine = summary
            state.memory.engineProblem = nil
            return []
        case .engineStateFailed(let message):
            state.memory.engineProblem = message
            return []
        case .contextCounted(let revision, let tokens):
            if revision == state.chat.contextRevision { state.chat.contextTokens = tokens }
            return []
        case .contextCountFailed(let revision, let message):
            if revision == state.chat.contextRevision {
                state.chat.contextTokens = nil
                state.memory.engineProblem = "cannot count context tokens: \(message)"
            }
            return []

        // MARK: Chat
        case .attachmentsLoaded(let requestID, let attachments, let failures):
            return self.attachmentsLoaded(requestID, attachments, failures, &state)
        case .chatDeltaReceived(let requestID, let content, let reasoning):
            return self.chatDelta(requestID, content, reasoning, &state)
        case .chatFinished(let requestID, let finishReason, let usage):
            return self.chatFinished(requestID, finishReason, usage, &state)
        case .chatFailed(let requestID, let message):
            return self.chatFailed(requestID, message, &state)
        case .conversationSaved(let error):
            if let error { return self.notify(.error, "cannot save the conversation: \(error)", &state) }
            return []
        case .conversationsListed:
            return []
        case .conversationLoaded(let conversation):
            guard !state.chat.isStreaming else { return [] }
            state.chat.conversation = conversation
            state.chat.scrollFromBottom = 0
            state.chat.contextRevision += 1
            return []
        case .conversationLoadFailed(let message):
            return self.notify(.error, message, &state)
        case .historyLoaded(let history):
            state.chat.history = history
            return []

        // MARK: Tree and files
        case .directoryLoaded(let listing):
            state.tree.tree.apply(listing)
            if state.tree.selectedPath == nil || state.tree.tree.index(of: state.tree.selectedPath ?? "") == nil {
                state.tree.select(index: state.tree.selectedIndex)
            }
            state.tree.keepSelectionVisible(height: WorkbenchLayout.contentHeight(WorkbenchLayout.tree, state))
            return []
        case .directoryFailed(let path, let message):
            state.tree.tree.applyFailure(directory: path, message: message)
            return path.isEmpty ? self.notify(.error, message, &state) : []
        case .gitStatusLoaded(let status):
            state.tree.tree.apply(status)
            state.tree.branch = status.branch?.head
            state.tree.gitProblem = status.problem
            return []
        case .fileLoaded(let path, let content):
            guard state.viewer.path == path else { return [] }
            state.viewer.isLoading = false
            state.viewer.error = nil
            state.viewer.lines = content.lines
            state.viewer.highlights = content.highlights
            state.viewer.language = content.language
            state.viewer.note = content.note
            if let text = state.viewer.searchText { state.viewer.search(text) }
            let height = self.viewerHeight(state)
            if let line = state.viewer.pendingLine {
                state.viewer.pendingLine = nil
                state.viewer.moveCursor(to: line, height: height)
                state.viewer.centerCursor(height: height)
            } else {
                state.viewer.moveCursor(to: state.viewer.cursorLine, height: height)
            }
            return []
        case .fileFailed(let path, let message):
            guard state.viewer.path == path else { return [] }
            state.viewer.isLoading = false
            state.viewer.error = message
            state.viewer.lines = []
            state.viewer.highlights = []
            return []

        // MARK: Finder and search
        case .fileIndexLoaded(let count, let isComplete):
            state.fileIndex.count = count
            state.fileIndex.isLoading = !isComplete
            state.fileIndex.isComplete = isComplete
            var commands: [Command] = []
            if case .finder(let finder)? = state.topOverlay { commands.append(.findFiles(query: finder.query.text)) }
            if let mention = state.chat.mention { commands.append(.findMentions(query: mention.query)) }
            return commands
        case .fileIndexFailed(let message):
            state.fileIndex.isLoading = false
            state.fileIndex.error = message
            return self.notify(.error, "cannot list the files: \(message)", &state)
        case .finderMatched(let query, let items, let total):
            self.updateTopOverlay(&state) { overlay in
                guard case .finder(var finder) = overlay, finder.query.text == query else { return }
                finder.results = items
                finder.totalMatches = total
                finder.resultsQuery = query
                finder.selection = min(finder.selection, max(0, items.count - 1))
                overlay = .finder(finder)
            }
            return []
        case .mentionsMatched(let query, let paths):
            if var mention = state.chat.mention, mention.query == query {
                mention.candidates = paths
                mention.selection = min(mention.selection, max(0, paths.count - 1))
                state.chat.mention = mention
            }
            return []
        case .searchResultsFound(let generation, let items):
            self.updateSearch(&state, generation: generation) { search in
                search.results += items
            }
            return []
        case .searchFinished(let generation, let summary, let error):
            self.updateSearch(&state, generation: generation) { search in
                search.isRunning = false
                search.summary = summary
                search.error = error
            }
            return []

        // MARK: Memory
        case .memoryLoaded(let directory, let context):
            guard directory == state.memory.directory else { return [] }
            state.memory.context = context
            state.chat.contextRevision += 1
            return []
        case .notesLoaded(let notes):
            state.memory.notes = notes
            state.chat.contextRevision += 1
            return []
        case .notesSaved(let error):
            if let error { return self.notify(.error, "cannot save the notes: \(error)", &state) }
            return []

        // MARK: Appearance
        case .themeLoaded(let theme):
            state.baseTheme = theme
            state.theme = theme.adapted(to: state.colorDepth)
            return self.notify(.info, "theme: \(theme.name)", &state)
        case .keymapLoaded(let keymap):
            state.keymap = keymap
            state.pendingKeys = []
            return self.notify(.info, "keymap: \(keymap.name)", &state)
        case .settingFailed(let message):
            return self.notify(.error, message, &state)
        case .choicesListed(let kind, let items):
            let selected: String? =
                switch kind {
                case .theme: state.baseTheme.name
                case .keymap: state.keymap.name
                case .conversation: state.chat.conversation.id
                }
            if items.isEmpty {
                return self.notify(.info, kind == .conversation ? "no saved conversations yet" : "nothing to choose from", &state)
            }
            return self.openOverlay(.picker(PickerState(kind: kind, items: items, selected: selected)), &state)
        case .noticeExpired(let notice):
            if state.notice == notice { state.notice = nil }
            return []

        // MARK: Review
        case .review(let msg):
            return ReviewUpdate.apply(msg, &state) + MigrationUpdate.reviewChanged(msg, &state)

        // MARK: Migration
        case .migration(let msg):
            return MigrationUpdate.apply(msg, &state)
        }
    }

    /// Follow-up effects that depend on the whole state: recount the context when what is sent
    /// changed.
    private static func afterUpdate(_ state: inout WorkbenchState) -> [Command] {
        guard state.engine.info != nil, state.chat.countedRevision != state.chat.contextRevision else { return [] }
        state.chat.countedRevision = state.chat.contextRevision
        return [.countContext(revision: state.chat.contextRevision, messages: self.contextMessages(state))]
    }

    /// What the next request sends (before the new message): the system message and the
    /// conversation.
    package static func contextMessages(_ state: WorkbenchState) -> [ContextMessage] {
        ContextAssembly.messages(projectName: state.projectName, memory: state.memory, conversation: state.chat.conversation)
    }

    // MARK: - Actions

    /// Runs `action` unless it is unknown or disabled (which the status bar then says).
    package static func perform(_ action: ActionID, _ state: inout WorkbenchState) -> [Command] {
        guard let descriptor = state.actions[action] else {
            return self.notify(.error, "unknown action \(action)", &state)
        }
        if let reason = descriptor.disabledReason(state) {
            return self.notify(.warning, "\(descriptor.title): \(reason)", &state)
        }
        return descriptor.perform(&state)
    }

    /// Shows `text` in the status bar for a few seconds.
    package static func notify(_ kind: Notice.Kind, _ text: String, _ state: inout WorkbenchState) -> [Command] {
        let notice = Notice(kind, text)
        state.notice = notice
        return [.expireNotice(notice)]
    }

    /// Reloads everything read from disk.
    package static func refresh(_ state: inout WorkbenchState) -> [Command] {
        var commands: [Command] = state.tree.tree.loadedDirectories.map { .loadDirectory($0) }
        if commands.isEmpty { commands = [.loadDirectory("")] }
        commands.append(.loadGitStatus)
        commands.append(.loadMemorySources(directory: state.memory.directory))
        if let path = state.viewer.path, state.mainMode == .file { commands.append(.loadFile(path)) }
        commands += ReviewUpdate.refresh(state)
        if state.migration.isOpen { commands += MigrationUpdate.measure(&state) }
        state.fileIndex = FileIndexState()
        commands.append(.resetFileIndex)
        return commands + self.notify(.info, "reloaded", &state)
    }

    // MARK: - Focus and layout

    /// Focuses `pane`.
    package static func focus(_ pane: PaneID, _ state: inout WorkbenchState) -> [Command] {
        guard state.layout.panes.contains(pane) else { return [] }
        state.focus = pane
        if let zoomed = state.layout.zoomed, zoomed != pane { state.layout.zoomed = pane }
        if pane != WorkbenchLayout.chat { state.chat.mention = nil }
        return []
    }

    /// The pane after `pane` in focus order.
    package static func nextPane(after pane: PaneID, _ state: WorkbenchState) -> PaneID {
        state.layout.next(after: pane)
    }

    /// Focuses the neighbour in `direction`.
    package static func focusDirection(_ direction: Direction, _ state: inout WorkbenchState) -> [Command] {
        guard !WorkbenchLayout.isCompact(state.size) else {
            let forward = direction == .right || direction == .down
            return self.focus(forward ? state.layout.next(after: state.focus) : state.layout.previous(before: state.focus), &state)
        }
        guard let neighbor = state.layout.neighbor(of: state.focus, direction, in: WorkbenchLayout.paneArea(state.size)) else {
            return []
        }
        return self.focus(neighbor, &state)
    }

    /// Grows or shrinks the focused pane.
    package static func resizePane(_ axis: Axis, _ cells: Int, _ state: inout WorkbenchState) -> [Command] {
        if !state.layout.resize(state.focus, along: axis, by: cells, in: WorkbenchLayout.paneArea(state.size)) {
            return self.notify(.info, "this pane cannot be resized that way", &state)
        }
        return []
    }

    /// Rows in the file viewer (for paging and keeping the cursor visible).
    package static func viewerHeight(_ state: WorkbenchState) -> Int {
        WorkbenchLayout.contentHeight(WorkbenchLayout.main, state)
    }

    /// A page for the focused list.
    package static func pageSize(_ state: WorkbenchState) -> Int {
        if state.topOverlay != nil { return max(1, state.size.height / 2 - 4) }
        return max(1, WorkbenchLayout.contentHeight(state.focus, state) - 1)
    }
}
