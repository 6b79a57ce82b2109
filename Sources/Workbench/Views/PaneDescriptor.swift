import TerminalKit

/// A pane as data: its id, names, keymap context and pure drawing functions. The view draws
/// whatever panes the layout holds by looking them up here, so a new pane is one more entry.
package struct PaneDescriptor: Sendable {
    package var id: PaneID
    /// Shown in the status bar and the compact tab row (`TREE`).
    package var shortName: String
    /// The keymap context used while the pane has focus.
    package var context: KeyContext
    package var title: @Sendable (WorkbenchState) -> String
    package var footer: @Sendable (WorkbenchState) -> [Span]
    /// Draws the pane's content (inside its frame).
    package var render: @Sendable (WorkbenchState, Theme, Rect, Bool, inout Canvas) -> Void
    /// Where the text cursor is when the pane has focus, if it shows one.
    package var cursor: @Sendable (WorkbenchState, Rect) -> Point?

    package init(
        id: PaneID, shortName: String, context: KeyContext, title: @escaping @Sendable (WorkbenchState) -> String,
        footer: @escaping @Sendable (WorkbenchState) -> [Span] = { _ in [] },
        render: @escaping @Sendable (WorkbenchState, Theme, Rect, Bool, inout Canvas) -> Void,
        cursor: @escaping @Sendable (WorkbenchState, Rect) -> Point? = { _, _ in nil }
    ) {
        self.id = id
        self.shortName = shortName
        self.context = context
        self.title = title
        self.footer = footer
        self.render = render
        self.cursor = cursor
    }
}

/// The panes the workbench knows.
package enum PaneRegistry {
    package static let standard: [PaneDescriptor] = [
        PaneDescriptor(
            id: WorkbenchLayout.tree, shortName: "TREE", context: .tree, title: TreeView.title, footer: TreeView.footer,
            render: { TreeView.render($0, theme: $1, content: $2, focused: $3, canvas: &$4) }),
        PaneDescriptor(
            id: WorkbenchLayout.main, shortName: "MAIN", context: .viewer, title: FileViewerView.title, footer: FileViewerView.footer,
            render: { FileViewerView.render($0, theme: $1, content: $2, focused: $3, canvas: &$4) }),
        PaneDescriptor(
            id: WorkbenchLayout.chat, shortName: "CHAT", context: .composer, title: ChatView.title, footer: ChatView.meter,
            render: { ChatView.render($0, theme: $1, content: $2, focused: $3, canvas: &$4) },
            cursor: { ChatView.cursor($0, content: $1) }),
        PaneDescriptor(
            id: WorkbenchLayout.memory, shortName: "MEMORY", context: .memory, title: MemoryView.title, footer: MemoryView.footer,
            render: { MemoryView.render($0, theme: $1, content: $2, focused: $3, canvas: &$4) }),
    ]

    /// The descriptor of `id`.
    package static func descriptor(_ id: PaneID) -> PaneDescriptor? {
        self.standard.first { $0.id == id }
    }
}
