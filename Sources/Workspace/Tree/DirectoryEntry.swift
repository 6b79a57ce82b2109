/// One entry of a directory listing, with everything the tree needs to draw and sort it.
package struct DirectoryEntry: Hashable, Sendable {
    /// What the entry is on disk.
    package enum Kind: Hashable, Sendable {
        case file
        case directory
        /// A symbolic link; where it points decides whether it can be opened or expanded.
        case symlink(SymlinkTarget)
        /// Sockets, FIFOs, devices: shown, never opened.
        case other
    }

    /// Where a symbolic link leads. Links are never followed out of the workspace.
    package enum SymlinkTarget: Hashable, Sendable {
        /// A regular file inside the workspace.
        case file
        /// A directory inside the workspace.
        case directory
        /// Something outside the workspace root: shown, never opened or expanded.
        case outsideWorkspace
        /// Nothing (dangling link) or something unreadable.
        case broken
    }

    /// The last path component.
    package var name: String
    /// The workspace-relative path.
    package var path: String
    /// What the entry is on disk.
    package var kind: Kind
    /// The name starts with a dot.
    package var isHidden: Bool
    /// An ignore rule (or an ignored ancestor) excludes it.
    package var isIgnored: Bool

    package init(name: String, path: String, kind: Kind, isHidden: Bool, isIgnored: Bool) {
        self.name = name
        self.path = path
        self.kind = kind
        self.isHidden = isHidden
        self.isIgnored = isIgnored
    }

    /// True for directories and links to directories inside the workspace: it can be expanded.
    package var isExpandable: Bool {
        switch self.kind {
        case .directory, .symlink(.directory): true
        default: false
        }
    }

    /// True for files and links to files inside the workspace: it can be opened.
    package var isOpenable: Bool {
        switch self.kind {
        case .file, .symlink(.file): true
        default: false
        }
    }

    /// True for symbolic links of any kind.
    package var isSymlink: Bool {
        if case .symlink = self.kind { return true }
        return false
    }

    /// Directories first, then files, each in case-insensitive natural order.
    package static func sortsBefore(_ lhs: DirectoryEntry, _ rhs: DirectoryEntry) -> Bool {
        let lhsDirectory = lhs.isExpandable
        let rhsDirectory = rhs.isExpandable
        if lhsDirectory != rhsDirectory { return lhsDirectory }
        return NaturalOrder.less(lhs.name, rhs.name)
    }
}
