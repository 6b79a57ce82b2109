/// A question that guards an action losing work: what would be lost, and a choice between doing
/// it anyway and cancelling. The choices are a list (up and down move, enter chooses); the
/// action's own key pressed again chooses it too, Esc cancels.
package struct ConfirmState: Hashable, Sendable {
    /// What is being confirmed.
    package enum Kind: String, Hashable, Sendable {
        /// Quitting seam while a review has unapplied decisions or the composer holds text.
        case quit
    }

    package var kind: Kind
    /// What the action would lose, one sentence each.
    package var reasons: [String]
    /// The selected choice: `proceedIndex` or `cancelIndex`. Cancel is selected at first, so a
    /// stray Enter loses nothing.
    package var selection: Int

    /// The index of the choice that carries out the action.
    package static let proceedIndex = 0
    /// The index of the choice that cancels.
    package static let cancelIndex = 1

    /// A question of `kind` listing `reasons`, with Cancel selected.
    package init(kind: Kind, reasons: [String]) {
        self.kind = kind
        self.reasons = reasons
        self.selection = Self.cancelIndex
    }

    /// The popup's title.
    package var title: String {
        switch self.kind {
        case .quit: "Quit seam?"
        }
    }

    /// The choices, in list order.
    package var choices: [String] {
        switch self.kind {
        case .quit: ["Quit anyway", "Cancel"]
        }
    }

    /// The action the choice at `proceedIndex` performs (its key pressed again confirms).
    package var action: ActionID {
        switch self.kind {
        case .quit: "quit"
        }
    }
}
