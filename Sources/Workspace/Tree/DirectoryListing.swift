/// The sorted entries of one directory, as read from disk at one moment.
///
/// A listing carries every entry (hidden and ignored ones flagged, not dropped) so the tree's
/// "show hidden" and "show ignored" toggles need no disk access. Only `.git` is left out.
package struct DirectoryListing: Sendable {
    /// The workspace-relative path of the directory (`""` for the root).
    package var path: String
    /// Directories first, then files, each in case-insensitive natural order.
    package var entries: [DirectoryEntry]
    /// The directory itself is ignored (or inside an ignored directory).
    package var isIgnored: Bool
    /// Entries left out because their names are not valid UTF-8.
    package var skippedNames: Int

    package init(path: String, entries: [DirectoryEntry], isIgnored: Bool, skippedNames: Int = 0) {
        self.path = path
        self.entries = entries
        self.isIgnored = isIgnored
        self.skippedNames = skippedNames
    }
}
