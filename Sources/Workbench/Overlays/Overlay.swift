/// A popup above the panes. The top one receives the keys (popups are modal) and each is its
/// own compositor layer.
package enum Overlay: Hashable, Sendable {
    /// Every action with its key; type to filter.
    case palette(PaletteState)
    /// Fuzzy file finder.
    case finder(FinderState)
    /// Content search across the repository.
    case search(SearchPanelState)
    /// The key bindings of the active keymap.
    case help(HelpState)
    /// Choose one of a list of names (themes, keymaps, saved conversations).
    case picker(PickerState)
    /// A one-line question (go to line, find in file, add a note).
    case prompt(PromptState)

    /// The layer name, for tests and the compositor.
    package var id: String {
        switch self {
        case .palette: "palette"
        case .finder: "finder"
        case .search: "search"
        case .help: "help"
        case .picker(let picker): "picker.\(picker.kind)"
        case .prompt(let prompt): "prompt.\(prompt.kind)"
        }
    }

    /// True when the popup has a text field that printable keys type into.
    package var takesText: Bool {
        switch self {
        case .help: false
        default: true
        }
    }
}

/// The command palette.
package struct PaletteState: Hashable, Sendable {
    package var query = TextField()
    package var selection = 0
    package init() {}
}

/// The fuzzy file finder.
package struct FinderState: Hashable, Sendable {
    package var query = TextField()
    package var results: [FinderItem] = []
    /// Matches found in total (results holds the best ones).
    package var totalMatches = 0
    package var selection = 0
    /// The query the results belong to (results for an older query are dropped).
    package var resultsQuery: String?
    package init() {}
}

/// One finder result: a path and the character positions that matched.
package struct FinderItem: Hashable, Sendable {
    package var path: String
    package var positions: [Int]
    package init(path: String, positions: [Int]) {
        self.path = path
        self.positions = positions
    }
}

/// Content search: the query, the options and the results as they arrive.
package struct SearchPanelState: Hashable, Sendable {
    package var query = TextField()
    package var isRegex = false
    package var results: [SearchResultItem] = []
    package var selection = 0
    /// Which search the results belong to; results of an older one are dropped.
    package var generation = 0
    package var isRunning = false
    /// Files searched and whether the result cap was hit, when finished.
    package var summary: String?
    package var error: String?
    /// The pattern (and mode) of the search that produced `results`.
    package var lastRun: String?
    package init() {}
}

/// One line that matched a content search.
package struct SearchResultItem: Hashable, Sendable {
    package var path: String
    /// 1-based line number.
    package var line: Int
    /// The line's text (or a window of it).
    package var text: String
    /// Character ranges of the matches within `text`.
    package var ranges: [Range<Int>]
    package init(path: String, line: Int, text: String, ranges: [Range<Int>]) {
        self.path = path
        self.line = line
        self.text = text
        self.ranges = ranges
    }
}

/// The help overlay.
package struct HelpState: Hashable, Sendable {
    package var scroll = 0
    package init() {}
}

/// A list of names to choose from.
package struct PickerState: Hashable, Sendable {
    /// What is being chosen.
    package enum Kind: String, Hashable, Sendable {
        case theme, keymap, conversation
    }

    package var kind: Kind
    package var items: [PickerItem]
    package var query = TextField()
    package var selection = 0

    package init(kind: Kind, items: [PickerItem], selected: String? = nil) {
        self.kind = kind
        self.items = items
        if let selected, let index = items.firstIndex(where: { $0.value == selected }) { self.selection = index }
    }

    package var title: String {
        switch self.kind {
        case .theme: "Switch theme"
        case .keymap: "Switch keymap"
        case .conversation: "Resume a conversation"
        }
    }
}

/// One choice in a picker.
package struct PickerItem: Hashable, Sendable {
    /// What is chosen (a theme name, a conversation id).
    package var value: String
    /// What is shown.
    package var label: String
    /// Shown dimmed on the right.
    package var detail: String
    package init(value: String, label: String, detail: String = "") {
        self.value = value
        self.label = label
        self.detail = detail
    }
}

/// A one-line question.
package struct PromptState: Hashable, Sendable {
    /// What the answer is for.
    package enum Kind: String, Hashable, Sendable {
        case goToLine, findInFile, addNote
    }

    package var kind: Kind
    package var field = TextField()
    package var error: String?

    package init(kind: Kind, text: String = "") {
        self.kind = kind
        self.field = TextField(text)
    }

    package var title: String {
        switch self.kind {
        case .goToLine: "Go to line"
        case .findInFile: "Find in file"
        case .addNote: "Pin a note"
        }
    }
}
