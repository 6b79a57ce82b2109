import Workspace

/// The file tree pane: the workspace's tree value plus selection and scrolling.
package struct TreePaneState: Sendable {
    /// Rows, listings and git markers (Workspace's `FileTree`).
    package var tree: FileTree
    /// The selected row's path (stable across reloads, unlike an index).
    package var selectedPath: String?
    /// The first visible row.
    package var scroll: Int = 0
    /// The git branch, when known.
    package var branch: String?
    /// Why git markers are missing, when git was expected.
    package var gitProblem: String?

    package init(tree: FileTree = FileTree()) {
        self.tree = tree
    }

    /// The index of the selected row (the first row when the selection is not visible).
    package var selectedIndex: Int {
        guard let selectedPath, let index = self.tree.index(of: selectedPath) else { return 0 }
        return index
    }

    /// The selected row, if the tree has any.
    package var selectedRow: TreeRow? {
        let rows = self.tree.rows
        guard !rows.isEmpty else { return nil }
        return rows[min(self.selectedIndex, rows.count - 1)]
    }

    /// Selects the row at `index` (clamped).
    package mutating func select(index: Int) {
        let rows = self.tree.rows
        guard !rows.isEmpty else {
            self.selectedPath = nil
            return
        }
        self.selectedPath = rows[max(0, min(index, rows.count - 1))].path
    }

    /// Scrolls so the selection is visible in `height` rows.
    package mutating func keepSelectionVisible(height: Int) {
        let index = self.selectedIndex
        guard height > 0 else { return }
        if index < self.scroll { self.scroll = index }
        if index >= self.scroll + height { self.scroll = index - height + 1 }
        self.scroll = max(0, min(self.scroll, max(0, self.tree.rows.count - height)))
    }
}
