import TerminalKit

/// Everything the workbench shows, as one value. Only `WorkbenchUpdate.update` changes it;
/// views read it; effects never touch it (their results come back as messages).
package struct WorkbenchState: Sendable {
    // MARK: Environment

    /// The workspace root (absolute).
    package var root: String
    /// The root's last path component, shown in titles and told to the model.
    package var projectName: String
    /// The terminal size.
    package var size: Size
    /// What the terminal can show.
    package var colorDepth: ColorDepth
    package var settings: WorkbenchSettings

    // MARK: Appearance and input

    /// The active theme as loaded (before adapting to the colour depth).
    package var baseTheme: Theme
    /// The active theme adapted to `colorDepth`: what views draw with.
    package var theme: Theme
    package var keymap: Keymap
    /// The registry of actions keymaps may bind.
    package var actions: ActionRegistry
    /// Keys typed so far of a multi-key sequence.
    package var pendingKeys: [Key] = []
    package var mouseEnabled: Bool

    // MARK: Layout

    package var layout: SplitLayout
    package var focus: PaneID
    package var mainMode: MainViewMode = .welcome
    /// Popups, bottom first.
    package var overlays: [Overlay] = []
    /// The latest status-bar message.
    package var notice: Notice?

    // MARK: Panes and data

    package var tree = TreePaneState()
    package var viewer = ViewerState()
    /// The multi-file change under review, and the report on it owed to the model.
    package var review = ReviewPaneState()
    /// The JavaScript-to-TypeScript walkthrough: steps, plan, previews, the model's types.
    package var migration = MigrationPaneState()
    package var chat: ChatState
    package var memory: MemoryState
    package var engine: EngineConnection = .idle
    package var fileIndex = FileIndexState()
    /// The last content search (kept so reopening shows it).
    package var lastSearch = SearchPanelState()
    /// Set by the quit action; the program stops after the update that sets it.
    package var quitRequested = false

    package init(
        root: String, size: Size, colorDepth: ColorDepth = .truecolor, theme: Theme = .embedded, keymap: Keymap,
        actions: ActionRegistry = .standard, settings: WorkbenchSettings = WorkbenchSettings(), mouseEnabled: Bool = true,
        conversation: Conversation
    ) {
        self.root = root
        self.projectName = root == "/" ? "/" : String(root.split(separator: "/").last ?? "workspace")
        self.size = size
        self.colorDepth = colorDepth
        self.settings = settings
        self.baseTheme = theme
        self.theme = theme.adapted(to: colorDepth)
        self.keymap = keymap
        self.actions = actions
        self.mouseEnabled = mouseEnabled
        self.layout = WorkbenchLayout.standard
        self.focus = WorkbenchLayout.tree
        self.chat = ChatState(conversation: conversation)
        self.memory = MemoryState(byteCap: settings.memoryByteCap)
    }

    /// The top popup, if any.
    package var topOverlay: Overlay? { self.overlays.last }
}
