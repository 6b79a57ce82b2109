/// One visible line of the file tree, ready to draw.
package struct TreeRow: Hashable, Sendable {
    /// The workspace-relative path (the tree's stable identity for selection).
    package var path: String
    /// The last path component.
    package var name: String
    /// Nesting level: 0 for entries of the workspace root.
    package var depth: Int
    /// What the entry is on disk.
    package var kind: DirectoryEntry.Kind
    /// An expandable row whose children are shown.
    package var isExpanded: Bool
    /// Expanded, but its listing has not arrived yet (draw a spinner or "…").
    package var isLoading: Bool
    /// The name starts with a dot.
    package var isHidden: Bool
    /// Ignored itself or inside an ignored directory (draw it dimmed).
    package var isIgnored: Bool
    /// A file git reports deleted: it is not on disk, the tree shows it so the change is visible.
    package var isDeleted: Bool
    /// The git marker (aggregated for directories), nil when unchanged or outside git.
    package var gitMarker: GitMarker?
    /// Why this directory's listing failed, if it did.
    package var error: String?

    /// True for directories and links to directories inside the workspace.
    package var isExpandable: Bool {
        switch self.kind {
        case .directory, .symlink(.directory): !self.isDeleted
        default: false
        }
    }

    /// True for files (and links to files inside the workspace) that exist on disk.
    package var isOpenable: Bool {
        switch self.kind {
        case .file, .symlink(.file): !self.isDeleted
        default: false
        }
    }
}
