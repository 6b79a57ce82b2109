/// The state of a work tree as `git status` reported it at one moment, indexed for the tree:
/// per-file statuses and an aggregated marker for every directory that contains a change.
///
/// Outside a repository, or when `git` is missing or fails, the snapshot is empty (no markers)
/// and `problem` says why; it is never an error the UI has to handle.
package struct GitStatusSnapshot: Equatable, Sendable {
    /// Branch information from `# branch.*` headers.
    package struct Branch: Hashable, Sendable {
        /// The branch name, nil when detached.
        package var head: String?
        /// The commit id, nil before the first commit.
        package var commit: String?
        /// The upstream branch (`origin/main`), if any.
        package var upstream: String?
        /// Commits ahead of the upstream.
        package var ahead: Int
        /// Commits behind the upstream.
        package var behind: Int
    }

    /// True when the workspace is inside a git work tree and `git` answered.
    package var isRepository: Bool
    /// Why there are no markers when git was expected to answer (missing `git`, a failure).
    package var problem: String?
    /// Branch information, when in a repository.
    package var branch: Branch?
    /// Every changed path inside the workspace, deleted ones included, keyed by path.
    package private(set) var files: [String: GitFileStatus]
    /// Directories reported as wholly untracked (`--untracked-files=normal`), workspace-relative.
    package private(set) var untrackedDirectories: Set<String>
    private var directoryMarkers: [String: GitMarker]
    private var deletedByDirectory: [String: [String]]

    /// An empty snapshot: no repository, no markers.
    package static let empty = GitStatusSnapshot(isRepository: false, problem: nil)

    package init(isRepository: Bool, problem: String? = nil, branch: Branch? = nil, files: [GitFileStatus] = [], untrackedDirectories: [String] = []) {
        self.isRepository = isRepository
        self.problem = problem
        self.branch = branch
        self.files = [:]
        self.untrackedDirectories = []
        self.directoryMarkers = [:]
        self.deletedByDirectory = [:]
        for file in files { self.insert(file) }
        for directory in untrackedDirectories { self.insertUntrackedDirectory(directory) }
    }

    /// The marker for `path`: its own status for files, the most severe status below it for
    /// directories; nil when unchanged.
    package func marker(for path: String, isDirectory: Bool) -> GitMarker? {
        if isDirectory {
            if let marker = self.directoryMarkers[path] { return marker }
        } else if let file = self.files[path] {
            return file.marker
        }
        if !self.untrackedDirectories.isEmpty && self.isInsideUntrackedDirectory(path) { return .untracked }
        return nil
    }

    /// The names of deleted files directly in `directory` (they no longer exist on disk, so a
    /// listing cannot show them; the tree adds them as ghost rows).
    package func deletedNames(in directory: String) -> [String] {
        self.deletedByDirectory[directory] ?? []
    }

    /// The number of changed paths (untracked directories count once).
    package var changeCount: Int { self.files.count + self.untrackedDirectories.count }

    private func isInsideUntrackedDirectory(_ path: String) -> Bool {
        for ancestor in RelativePath.ancestors(path) + [path] where self.untrackedDirectories.contains(ancestor) {
            return true
        }
        return false
    }

    private mutating func insert(_ file: GitFileStatus) {
        self.files[file.path] = file
        if file.marker == .deleted && file.unstaged == "D" || file.staged == "D" && file.unstaged == "." {
            self.deletedByDirectory[RelativePath.parent(file.path), default: []].append(RelativePath.name(file.path))
        }
        self.aggregate(file.marker, above: file.path)
    }

    private mutating func insertUntrackedDirectory(_ directory: String) {
        self.untrackedDirectories.insert(directory)
        self.raise(directory, to: .untracked)
        self.aggregate(.untracked, above: directory)
    }

    private mutating func aggregate(_ marker: GitMarker, above path: String) {
        for ancestor in RelativePath.ancestors(path) { self.raise(ancestor, to: marker) }
    }

    private mutating func raise(_ directory: String, to marker: GitMarker) {
        if let current = self.directoryMarkers[directory], current >= marker { return }
        self.directoryMarkers[directory] = marker
    }
}
