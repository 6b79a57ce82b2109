import TerminalKit

extension WorkbenchUpdate {
    /// Opens `overlay` on top (replacing a popup of the same kind).
    package static func openOverlay(_ overlay: Overlay, _ state: inout WorkbenchState) -> [Command] {
        state.overlays.removeAll { $0.id == overlay.id }
        state.overlays.append(overlay)
        state.pendingKeys = []
        return []
    }

    /// Esc: clears pending keys, closes the top popup, closes the mention list, stops the
    /// answer, clears the in-file search — the first that applies.
    package static func cancel(_ state: inout WorkbenchState) -> [Command] {
        if !state.pendingKeys.isEmpty {
            state.pendingKeys = []
            return []
        }
        if let overlay = state.overlays.popLast() {
            if case .search(let search) = overlay {
                state.lastSearch = search
                if search.isRunning { return [.cancelSearch(generation: search.generation)] }
            }
            return []
        }
        if state.chat.mention != nil {
            state.chat.mention = nil
            return []
        }
        if state.chat.isStreaming { return self.cancelGeneration(&state) }
        if state.focus == WorkbenchLayout.main && state.viewer.searchText != nil {
            state.viewer.searchText = nil
            state.viewer.searchMatches = []
        }
        return []
    }

    /// Applies `change` to the top popup.
    static func updateTopOverlay(_ state: inout WorkbenchState, _ change: (inout Overlay) -> Void) {
        guard var overlay = state.overlays.last else { return }
        change(&overlay)
        state.overlays[state.overlays.count - 1] = overlay
    }

    /// Applies `change` to the content-search popup (open or not) when `generation` is current.
    static func updateSearch(_ state: inout WorkbenchState, generation: Int, _ change: (inout SearchPanelState) -> Void) {
        for index in state.overlays.indices {
            if case .search(var search) = state.overlays[index], search.generation == generation {
                change(&search)
                state.overlays[index] = .search(search)
                state.lastSearch = search
                return
            }
        }
        if state.lastSearch.generation == generation { change(&state.lastSearch) }
    }

    /// Edits the top popup's text field and runs what follows from the new text (filtering,
    /// finding files).
    static func editOverlayField(_ state: inout WorkbenchState, _ edit: (inout TextField) -> Void) -> [Command] {
        guard let overlay = state.topOverlay else { return [] }
        switch overlay {
        case .palette(var palette):
            edit(&palette.query)
            palette.selection = 0
            state.overlays[state.overlays.count - 1] = .palette(palette)
            return []
        case .finder(var finder):
            let before = finder.query.text
            edit(&finder.query)
            finder.selection = 0
            state.overlays[state.overlays.count - 1] = .finder(finder)
            return finder.query.text == before ? [] : [.findFiles(query: finder.query.text)]
        case .search(var search):
            edit(&search.query)
            state.overlays[state.overlays.count - 1] = .search(search)
            state.lastSearch = search
            return []
        case .picker(var picker):
            edit(&picker.query)
            picker.selection = 0
            state.overlays[state.overlays.count - 1] = .picker(picker)
            return []
        case .prompt(var prompt):
            edit(&prompt.field)
            prompt.error = nil
            state.overlays[state.overlays.count - 1] = .prompt(prompt)
            return []
        case .help, .confirm:
            return []
        }
    }

    /// The selected row of the top popup's list.
    static func overlaySelection(_ state: WorkbenchState) -> Int {
        switch state.topOverlay {
        case .palette(let palette)?: palette.selection
        case .finder(let finder)?: finder.selection
        case .search(let search)?: search.selection
        case .picker(let picker)?: picker.selection
        case .confirm(let confirm)?: confirm.selection
        default: 0
        }
    }

    /// Selects row `index` (clamped) of the top popup's list.
    static func setOverlaySelection(_ index: Int, _ state: inout WorkbenchState) {
        let count = OverlayGeometry.listCount(state)
        let clamped = max(0, min(index, count - 1))
        self.updateTopOverlay(&state) { overlay in
            switch overlay {
            case .palette(var palette):
                palette.selection = clamped
                overlay = .palette(palette)
            case .finder(var finder):
                finder.selection = clamped
                overlay = .finder(finder)
            case .search(var search):
                search.selection = clamped
                overlay = .search(search)
            case .picker(var picker):
                picker.selection = clamped
                overlay = .picker(picker)
            case .confirm(var confirm):
                confirm.selection = clamped
                overlay = .confirm(confirm)
            default:
                break
            }
        }
        if case .search(let search)? = state.topOverlay { state.lastSearch = search }
    }

    /// Enter in a popup.
    static func acceptOverlay(_ overlay: Overlay, _ state: inout WorkbenchState) -> [Command] {
        switch overlay {
        case .palette(let palette):
            let items = PaletteContent.items(state, query: palette.query.text)
            guard items.indices.contains(palette.selection) else { return [] }
            state.overlays.removeLast()
            return self.perform(items[palette.selection].action, &state)
        case .finder(let finder):
            guard finder.results.indices.contains(finder.selection) else { return [] }
            state.overlays.removeLast()
            // Like a search result, the file opened is where the user goes on reading.
            return self.openFile(finder.results[finder.selection].path, line: nil, &state)
                + self.focus(WorkbenchLayout.main, &state)
        case .search(var search):
            let pattern = search.query.text
            if search.results.isEmpty || search.summary == nil && !search.isRunning || self.lastRunPattern(search) != pattern {
                guard !pattern.isEmpty else { return [] }
                var commands: [Command] = search.isRunning ? [.cancelSearch(generation: search.generation)] : []
                search.generation += 1
                search.results = []
                search.selection = 0
                search.isRunning = true
                search.summary = nil
                search.error = nil
                search.lastRun = pattern + (search.isRegex ? "\u{0}regex" : "")
                state.overlays[state.overlays.count - 1] = .search(search)
                state.lastSearch = search
                commands.append(.searchContent(generation: search.generation, pattern: pattern, isRegex: search.isRegex))
                return commands
            }
            guard search.results.indices.contains(search.selection) else { return [] }
            let result = search.results[search.selection]
            state.lastSearch = search
            state.overlays.removeLast()
            var commands = self.openFile(result.path, line: result.line, &state)
            if !search.isRegex {
                state.viewer.searchText = pattern
                if !state.viewer.isLoading { state.viewer.search(pattern) }
            }
            commands += self.focus(WorkbenchLayout.main, &state)
            return commands
        case .picker(let picker):
            let items = PickerContent.items(picker)
            guard items.indices.contains(picker.selection) else { return [] }
            let value = items[picker.selection].item.value
            state.overlays.removeLast()
            switch picker.kind {
            case .theme: return [.loadTheme(value)]
            case .keymap: return [.loadKeymap(value)]
            case .conversation:
                if state.chat.isStreaming { return self.notify(.warning, "wait for the answer (or press Esc) first", &state) }
                return [.loadConversation(id: value)]
            }
        case .prompt(let prompt):
            return self.answerPrompt(prompt, &state)
        case .help:
            state.overlays.removeLast()
            return []
        case .confirm(let confirm):
            state.overlays.removeLast()
            guard confirm.selection == ConfirmState.proceedIndex else { return [] }
            return self.confirmed(confirm, &state)
        }
    }

    /// Carries out the action `confirm` asked about.
    private static func confirmed(_ confirm: ConfirmState, _ state: inout WorkbenchState) -> [Command] {
        switch confirm.kind {
        case .quit:
            state.quitRequested = true
            return []
        }
    }

    private static func lastRunPattern(_ search: SearchPanelState) -> String? {
        guard let lastRun = search.lastRun else { return nil }
        let regex = lastRun.hasSuffix("\u{0}regex")
        guard regex == search.isRegex else { return nil }
        return regex ? String(lastRun.dropLast(6)) : lastRun
    }

    /// Switches the content search between literal and regex.
    static func toggleRegex(_ state: inout WorkbenchState) -> [Command] {
        guard case .search(var search)? = state.topOverlay else { return [] }
        search.isRegex.toggle()
        state.overlays[state.overlays.count - 1] = .search(search)
        state.lastSearch = search
        return []
    }

    private static func answerPrompt(_ prompt: PromptState, _ state: inout WorkbenchState) -> [Command] {
        let text = prompt.field.text.trimmingSpaces()
        switch prompt.kind {
        case .goToLine:
            guard let line = Int(text), line >= 1 else {
                var invalid = prompt
                invalid.error = "type a line number from 1 to \(state.viewer.lines.count)"
                state.overlays[state.overlays.count - 1] = .prompt(invalid)
                return []
            }
            state.overlays.removeLast()
            state.viewer.moveCursor(to: line - 1, height: self.viewerHeight(state))
            state.viewer.centerCursor(height: self.viewerHeight(state))
            return []
        case .findInFile:
            state.overlays.removeLast()
            state.viewer.search(text)
            if text.isEmpty { return [] }
            if state.viewer.searchMatches.isEmpty { return self.notify(.info, "no match for \"\(text)\"", &state) }
            let saved = state.viewer.cursorLine
            state.viewer.cursorLine = max(0, saved - 1)
            let commands = self.findNext(forward: true, &state)
            return commands + self.notify(.info, "\(state.viewer.searchMatches.count) matches", &state)
        case .addNote:
            state.overlays.removeLast()
            guard !text.isEmpty else { return [] }
            return self.addNote(text, &state)
        }
    }
}

extension String {
    /// Without leading and trailing spaces and newlines.
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\n" || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\n" || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
