extension Workspace {
    /// Reads a file inside the workspace for viewing or editing.
    ///
    /// Follows a symbolic link only when its target is inside the workspace. Files above
    /// `limits.maximumBytes` come back truncated at a line boundary and flagged
    /// (`isTruncated`, not writable back); binary files come back with `content == .binary`.
    /// Throws `.notFound`, `.outsideWorkspace`, `.permissionDenied`, or `.io` for directories.
    package func readFile(_ path: String, limits: FileContents.Limits = .viewing) throws(WorkspaceError) -> FileContents {
        let normal = try RelativePath.normalize(path)
        let real = try self.resolve(normal)
        guard let info = RawFile.info(real, followSymlinks: true) else {
            throw WorkspaceError(.notFound, "\(normal) does not exist", path: normal)
        }
        guard info.kind == .file else {
            throw WorkspaceError(.io, "\(normal) is not a regular file", path: normal)
        }
        let (bytes, truncated) = try RawFile.read(real, limit: limits.maximumBytes, displayPath: normal)
        return FileContents(path: normal, bytes: bytes, sizeOnDisk: info.size, modified: info.modified, truncated: truncated)
    }

    /// Size, kind and modification time of a workspace path (links not followed), or nil when
    /// nothing is there.
    package func fileInfo(_ path: String) -> RawFile.Info? {
        guard let normal = try? RelativePath.normalize(path) else { return nil }
        return RawFile.info(self.absolutePath(normal))
    }
}
