/// The file tree's state as a value: which directories are expanded, the listings read so far,
/// git markers, and the flattened visible rows.
///
/// It never touches the disk. The loop that owns it asks `expand` whether a listing is needed,
/// runs `Workspace.listDirectory` off the main loop, and hands the result to `apply(_:)`. Only
/// expanded directories are ever read, so opening a 100k-file repository costs one listing.
///
/// Rows are spliced on expand, collapse and new listings (work proportional to the subtree that
/// changed); filters and git status updates rewrite the row list in one pass.
package struct FileTree: Sendable {
    /// Which entries the tree shows.
    package struct Filter: Hashable, Sendable {
        /// Show names starting with a dot.
        package var showHidden: Bool
        /// Show entries that ignore rules exclude.
        package var showIgnored: Bool

        package init(showHidden: Bool = false, showIgnored: Bool = false) {
            self.showHidden = showHidden
            self.showIgnored = showIgnored
        }
    }

    /// The visible rows, in display order.
    package private(set) var rows: [TreeRow] = []
    /// The latest git status applied (empty until one arrives).
    package private(set) var status: GitStatusSnapshot = .empty
    /// Which entries are shown; changing it rebuilds the rows.
    package var filter: Filter {
        didSet { if self.filter != oldValue { self.rebuild() } }
    }

    private var listings: [String: DirectoryListing] = [:]
    private var expandedDirectories: Set<String> = [""]
    private var failures: [String: String] = [:]

    /// An empty tree whose root still has to be listed (`pendingLoads == [""]`).
    package init(filter: Filter = Filter()) {
        self.filter = filter
    }

    // MARK: - Queries

    /// True when `path` is expanded (the root always is).
    package func isExpanded(_ path: String) -> Bool { self.expandedDirectories.contains(path) }

    /// True when a listing of `path` has been applied.
    package func isLoaded(_ path: String) -> Bool { self.listings[path] != nil }

    /// The listing applied for `directory`, if any.
    package func listing(_ directory: String) -> DirectoryListing? { self.listings[directory] }

    /// Expanded directories whose listing is missing and did not fail: what to load next.
    package var pendingLoads: [String] {
        self.expandedDirectories.filter { self.listings[$0] == nil && self.failures[$0] == nil }.sorted()
    }

    /// Every directory with a listing, for a refresh after changes on disk.
    package var loadedDirectories: [String] { self.listings.keys.sorted() }

    /// The index of the row showing `path`, if visible.
    /// - Complexity: O(rows).
    package func index(of path: String) -> Int? {
        self.rows.firstIndex { $0.path == path }
    }

    /// The index of the row of the directory containing the row at `index` (nil at top level).
    package func parentIndex(of index: Int) -> Int? {
        guard self.rows.indices.contains(index) else { return nil }
        let depth = self.rows[index].depth
        var candidate = index - 1
        while candidate >= 0 {
            if self.rows[candidate].depth < depth { return candidate }
            candidate -= 1
        }
        return nil
    }

    // MARK: - Changes

    /// Expands the directory `path`. Returns true when its listing must be loaded first (the
    /// row shows `isLoading` until `apply(_:)` receives it).
    @discardableResult
    package mutating func expand(_ path: String) -> Bool {
        if self.expandedDirectories.contains(path) { return self.needsLoad(path) }
        self.expandedDirectories.insert(path)
        self.failures[path] = nil
        self.refreshSubtree(of: path)
        return self.needsLoad(path)
    }

    /// Collapses the directory `path` (its listing is kept for the next expand).
    package mutating func collapse(_ path: String) {
        guard !path.isEmpty, self.expandedDirectories.remove(path) != nil else { return }
        self.refreshSubtree(of: path)
    }

    /// Expands or collapses `path`; returns true when a listing must be loaded.
    @discardableResult
    package mutating func toggle(_ path: String) -> Bool {
        if self.expandedDirectories.contains(path) && !path.isEmpty {
            self.collapse(path)
            return false
        }
        return self.expand(path)
    }

    /// Expands every ancestor of `path` so its row becomes visible; returns the directories
    /// whose listings must be loaded, outermost first.
    package mutating func reveal(_ path: String) -> [String] {
        var needed: [String] = []
        for ancestor in RelativePath.ancestors(path) where self.expand(ancestor) {
            needed.append(ancestor)
        }
        return needed
    }

    /// Stores a listing (new, or a refresh) and updates the rows if the directory is visible.
    package mutating func apply(_ listing: DirectoryListing) {
        self.listings[listing.path] = listing
        self.failures[listing.path] = nil
        // Forget listings of subdirectories that disappeared.
        let names = Set(listing.entries.lazy.filter(\.isExpandable).map(\.name))
        let prefix = listing.path.isEmpty ? "" : listing.path + "/"
        for key in self.listings.keys where key.hasPrefix(prefix) && key != listing.path {
            let rest = key.dropFirst(prefix.count)
            let child = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            if !names.contains(child) {
                self.listings[key] = nil
                self.expandedDirectories.remove(key)
            }
        }
        self.refreshSubtree(of: listing.path)
    }

    /// Records that listing `directory` failed; its row shows `error`.
    package mutating func applyFailure(directory: String, message: String) {
        self.failures[directory] = message
        self.refreshSubtree(of: directory)
    }

    /// Applies a new git status: markers on every row, ghost rows for deleted files.
    package mutating func apply(_ status: GitStatusSnapshot) {
        self.status = status
        self.rebuild()
    }

    // MARK: - Rows

    private func needsLoad(_ path: String) -> Bool {
        self.listings[path] == nil && self.failures[path] == nil
    }

    /// Replaces the rows below `directory` (and the directory's own row) with fresh ones.
    private mutating func refreshSubtree(of directory: String) {
        if directory.isEmpty {
            self.rebuild()
            return
        }
        guard let index = self.index(of: directory) else { return }
        var end = index + 1
        let depth = self.rows[index].depth
        while end < self.rows.count && self.rows[end].depth > depth { end += 1 }
        var replacement: [TreeRow] = []
        var row = self.rows[index]
        row.isExpanded = self.expandedDirectories.contains(directory)
        row.isLoading = row.isExpanded && self.needsLoad(directory)
        row.error = self.failures[directory]
        replacement.append(row)
        if row.isExpanded { self.appendChildren(of: directory, depth: depth + 1, inheritedIgnore: row.isIgnored, to: &replacement) }
        self.rows.replaceSubrange(index..<end, with: replacement)
    }

    private mutating func rebuild() {
        var rows: [TreeRow] = []
        rows.reserveCapacity(self.rows.count)
        self.appendChildren(of: "", depth: 0, inheritedIgnore: false, to: &rows)
        self.rows = rows
    }

    private func appendChildren(of directory: String, depth: Int, inheritedIgnore: Bool, to rows: inout [TreeRow]) {
        guard let listing = self.listings[directory] else { return }
        let ignoredHere = inheritedIgnore || listing.isIgnored
        var entries = listing.entries
        let deleted = self.status.deletedNames(in: directory)
        if !deleted.isEmpty {
            let present = Set(entries.map(\.name))
            for name in deleted where !present.contains(name) {
                let ghost = DirectoryEntry(
                    name: name,
                    path: RelativePath.join(directory, name),
                    kind: .file,
                    isHidden: name.hasPrefix("."),
                    isIgnored: false
                )
                let position = entries.firstIndex { DirectoryEntry.sortsBefore(ghost, $0) } ?? entries.count
                entries.insert(ghost, at: position)
            }
        }
        let deletedSet = Set(deleted)
        for entry in entries {
            let isIgnored = entry.isIgnored || ignoredHere
            if isIgnored && !self.filter.showIgnored { continue }
            if entry.isHidden && !self.filter.showHidden { continue }
            let isDeleted = deletedSet.contains(entry.name) && !listing.entries.contains { $0.name == entry.name }
            let expanded = entry.isExpandable && self.expandedDirectories.contains(entry.path)
            rows.append(
                TreeRow(
                    path: entry.path,
                    name: entry.name,
                    depth: depth,
                    kind: entry.kind,
                    isExpanded: expanded,
                    isLoading: expanded && self.needsLoad(entry.path),
                    isHidden: entry.isHidden,
                    isIgnored: isIgnored,
                    isDeleted: isDeleted,
                    gitMarker: isIgnored ? nil : self.status.marker(for: entry.path, isDirectory: entry.isExpandable),
                    error: self.failures[entry.path]
                )
            )
            if expanded {
                self.appendChildren(of: entry.path, depth: depth + 1, inheritedIgnore: isIgnored, to: &rows)
            }
        }
    }
}
