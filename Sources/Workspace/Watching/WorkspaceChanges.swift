/// What changed on disk in the watched directories of a workspace since the last report.
package struct WorkspaceChanges: Hashable, Sendable {
    /// Workspace-relative directories whose entries changed (created, deleted, renamed).
    package var directories: Set<String>
    /// Workspace-relative paths whose content or metadata changed, or that appeared or went.
    package var paths: Set<String>

    /// Changes to `directories`' listings and to `paths`.
    package init(directories: Set<String> = [], paths: Set<String> = []) {
        self.directories = directories
        self.paths = paths
    }

    /// True when nothing changed.
    package var isEmpty: Bool { self.directories.isEmpty && self.paths.isEmpty }

    /// Adds `other`'s changes to these.
    package mutating func formUnion(_ other: WorkspaceChanges) {
        self.directories.formUnion(other.directories)
        self.paths.formUnion(other.paths)
    }
}
