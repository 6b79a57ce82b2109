/// One named action: what it is called, where it applies, when it is unavailable and what it
/// does. Keymaps bind keys to the id; the palette and the help overlay list the title.
package struct ActionDescriptor: Sendable {
    package var id: ActionID
    /// Sentence-case title for the palette and help (`Focus the next pane`).
    package var title: String
    /// Palette group (`Layout`, `Tree`, `Chat`, …).
    package var category: String
    /// The contexts whose keys are shown for it (most specific first).
    package var contexts: [KeyContext]
    /// Why the action cannot run now (shown dimmed in the palette), nil when it can.
    package var disabledReason: @Sendable (WorkbenchState) -> String?
    /// Runs the action: changes the state and returns effects.
    package var perform: @Sendable (inout WorkbenchState) -> [Command]

    package init(
        _ id: ActionID, _ title: String, category: String, contexts: [KeyContext] = [.global],
        disabledReason: @escaping @Sendable (WorkbenchState) -> String? = { _ in nil },
        perform: @escaping @Sendable (inout WorkbenchState) -> [Command]
    ) {
        self.id = id
        self.title = title
        self.category = category
        self.contexts = contexts
        self.disabledReason = disabledReason
        self.perform = perform
    }
}
