import TerminalKit

/// The palette's rows: every action with its key in the active keymap, filtered by the query.
package enum PaletteContent {
    /// One row.
    package struct Item: Hashable, Sendable {
        package var action: ActionID
        package var title: String
        package var category: String
        /// The key in the active keymap, nil when unbound.
        package var key: String?
        /// Why it cannot run now.
        package var disabledReason: String?
        /// Matched character positions in `title`.
        package var positions: [Int]
    }

    /// The rows for `query`, best matches first (all actions in registry order when empty).
    package static func items(_ state: WorkbenchState, query: String) -> [Item] {
        var scored: [(Item, Int)] = []
        for (order, descriptor) in state.actions.descriptors.enumerated() {
            let key = state.keymap.hint(for: descriptor.id, in: descriptor.contexts + [.global])
            let positions: [Int]
            var score = -order
            if query.isEmpty {
                positions = []
            } else if let match = SubsequenceMatch.positions(of: query, in: descriptor.title) {
                positions = match
                score = SubsequenceMatch.score(match, Array(descriptor.title.lowercased())) * 100 - order
            } else if SubsequenceMatch.positions(of: query, in: descriptor.id.rawValue) != nil {
                positions = []
                score = -10_000 - order
            } else {
                continue
            }
            let item = Item(
                action: descriptor.id, title: descriptor.title, category: descriptor.category, key: key,
                disabledReason: descriptor.disabledReason(state), positions: positions)
            scored.append((item, score))
        }
        return scored.sorted { $0.1 > $1.1 }.map(\.0)
    }
}
