import TerminalKit
import Workspace

/// Draws the file tree: indentation, expand markers, git markers at the right edge, the
/// selection, and hints for empty or failed listings.
package enum TreeView {
    package static func title(_ state: WorkbenchState) -> String {
        var title = "Files · " + state.projectName
        if let branch = state.tree.branch { title += " (\(branch))" }
        return title
    }

    package static func footer(_ state: WorkbenchState) -> [Span] {
        var flags: [String] = []
        if state.tree.tree.filter.showHidden { flags.append("hidden") }
        if state.tree.tree.filter.showIgnored { flags.append("ignored") }
        let count = state.tree.tree.rows.count
        let text = (flags.isEmpty ? "" : "+" + flags.joined(separator: " +") + " ") + "\(count)"
        return [Span(text, state.theme.style(ThemeScope.dim))]
    }

    package static func render(_ state: WorkbenchState, theme: Theme, content: Rect, focused: Bool, canvas: inout Canvas) {
        let rows = state.tree.tree.rows
        if rows.isEmpty {
            let message: String
            if let listing = state.tree.tree.listing(""), listing.entries.isEmpty {
                message = "(empty directory)"
            } else if state.tree.tree.isLoaded("") {
                message = "(everything here is hidden or ignored)"
            } else {
                message = "loading…"
            }
            canvas.write(message, at: content.origin, style: theme.style(ThemeScope.dim), maxWidth: content.width)
            return
        }
        let selected = state.tree.selectedIndex
        let scroll = min(state.tree.scroll, max(0, rows.count - 1))
        for offset in 0..<content.height {
            let index = scroll + offset
            guard index < rows.count else { break }
            let row = rows[index]
            let y = content.y + offset
            let isSelected = index == selected
            var rowStyle = self.style(for: row, theme: theme)
            if isSelected {
                let selection = theme.style(focused ? ThemeScope.selection : ThemeScope.selectionUnfocused)
                canvas.fill(Rect(x: content.x, y: y, width: content.width, height: 1), style: selection)
                rowStyle = rowStyle.patched(with: selection)
            }
            let indent = String(repeating: "  ", count: min(row.depth, max(0, (content.width - 6) / 2)))
            let marker: String
            if row.isExpandable {
                marker = row.isExpanded ? (row.isLoading ? "◌ " : "▾ ") : "▸ "
            } else {
                marker = "  "
            }
            var name = row.name
            if row.isExpandable { name += "/" }
            if case .symlink = row.kind { name += " →" }
            if let error = row.error { name += "  ✗ " + error }
            let git = row.gitMarker.map { String($0.letter) } ?? ""
            let gitWidth = git.isEmpty ? 0 : 2
            let used = canvas.write(indent + marker, at: Point(x: content.x, y: y), style: rowStyle, maxWidth: content.width)
            canvas.write(name, at: Point(x: content.x + used, y: y), style: rowStyle, maxWidth: max(0, content.width - used - gitWidth))
            if let gitMarker = row.gitMarker {
                var gitStyle = theme.style(ThemeScope.treeGitPrefix + gitMarker.description)
                if isSelected { gitStyle = gitStyle.patched(with: theme.style(focused ? ThemeScope.selection : ThemeScope.selectionUnfocused)) }
                canvas.write(git, at: Point(x: content.maxX - 1, y: y), style: gitStyle)
            }
        }
    }

    private static func style(for row: TreeRow, theme: Theme) -> Style {
        var style: Style
        if row.isDeleted {
            style = theme.style(ThemeScope.treeDeleted)
        } else if row.isExpandable {
            style = theme.style(ThemeScope.treeDirectory)
        } else if case .symlink = row.kind {
            style = theme.style(ThemeScope.treeSymlink)
        } else {
            style = theme.style(ThemeScope.treeFile)
        }
        if let marker = row.gitMarker, !row.isExpandable {
            style = style.patched(with: Style(foreground: theme.style(ThemeScope.treeGitPrefix + marker.description).foreground))
        }
        if row.isIgnored { style = style.patched(with: theme.style(ThemeScope.treeIgnored)) }
        if row.isHidden { style = style.patched(with: Style(foreground: theme.style(ThemeScope.treeHidden).foreground)) }
        return style
    }
}
